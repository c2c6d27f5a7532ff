CREATE TABLE `ledger_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`invoice_id` text,
	`mission_id` text,
	`cra_id` text,
	`field` text NOT NULL,
	`user_value` text,
	`portal_value` text,
	`provenance` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	`settled_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_conflicts_user` ON `ledger_conflicts` (`user_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_conflicts_user_created` ON `ledger_conflicts` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`kind` text NOT NULL,
	`paid_on` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_invoice` ON `payments` (`invoice_id`,`paid_on`);--> statement-breakpoint
ALTER TABLE `profiles` ADD `time_zone` text DEFAULT 'Europe/Paris' NOT NULL;--> statement-breakpoint
ALTER TABLE `profiles` ADD `opening_year` integer;--> statement-breakpoint
ALTER TABLE `profiles` ADD `opening_turnover_cents` integer;--> statement-breakpoint
ALTER TABLE `profiles` ADD `opening_collected_cents` integer;--> statement-breakpoint
ALTER TABLE `missions` ADD `days_per_week_milli` integer;--> statement-breakpoint
ALTER TABLE `missions` ADD `portal_consumption` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `issuer` text DEFAULT 'freelancer' NOT NULL;--> statement-breakpoint
ALTER TABLE `invoices` ADD `days_milli` integer;--> statement-breakpoint
ALTER TABLE `invoices` ADD `daily_rate_cents` integer;--> statement-breakpoint
ALTER TABLE `invoices` ADD `portal_number` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `portal_status` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `portal_invoice` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `mismatch` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `uploaded_on` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `upload_pdf_bytes` integer;