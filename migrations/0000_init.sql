CREATE TABLE `auth_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`code_hash` text NOT NULL,
	`expires_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `auth_codes_email` ON `auth_codes` (`email`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response_body` text NOT NULL,
	`headers` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_user_key` ON `idempotency_keys` (`user_id`,`key`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_hash` ON `tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `tokens_user` ON `tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`locale` text DEFAULT 'fr' NOT NULL,
	`change_seq` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `legal_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`issued_on` text,
	`expires_on` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`legal_name` text DEFAULT '' NOT NULL,
	`legal_form` text DEFAULT 'ei' NOT NULL,
	`siret` text,
	`vat_regime` text DEFAULT 'franchise' NOT NULL,
	`vat_number` text,
	`address_line1` text,
	`postal_code` text,
	`city` text,
	`country` text DEFAULT 'FR' NOT NULL,
	`iban` text,
	`bic` text,
	`bank_name` text,
	`alsace_moselle` integer DEFAULT false NOT NULL,
	`penalty_rate_bps` integer DEFAULT 1000 NOT NULL,
	`share_capital_cents` integer,
	`rcs` text,
	`seq` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `missions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`portal` text NOT NULL,
	`client_name` text NOT NULL,
	`client_siren` text,
	`client_address` text,
	`contract_signed_on` text NOT NULL,
	`country` text NOT NULL,
	`invoice_mode` text NOT NULL,
	`client_terms_days` integer,
	`vat_rate_bps` integer NOT NULL,
	`quarter_days` integer DEFAULT false NOT NULL,
	`smart_contract_type` text,
	`archived` integer DEFAULT false NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `missions_user` ON `missions` (`user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `purchase_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`mission_id` text NOT NULL,
	`user_id` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`daily_rate_cents` integer NOT NULL,
	`plan` text NOT NULL,
	`budget_days_milli` integer,
	`budget_cents` integer,
	`reference` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_orders_mission` ON `purchase_orders` (`mission_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `cras` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`mission_id` text NOT NULL,
	`month` text NOT NULL,
	`state` text NOT NULL,
	`days` text DEFAULT '{}' NOT NULL,
	`lines` text DEFAULT '[]' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`refusal_reason` text,
	`submitted_at` text,
	`validated_on` text,
	`seq` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mission_id`) REFERENCES `missions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cras_mission_month` ON `cras` (`mission_id`,`month`);--> statement-breakpoint
CREATE INDEX `cras_user_seq` ON `cras` (`user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `invoice_counters` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`last_sequence` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`, `year`)
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`mission_id` text NOT NULL,
	`cra_id` text,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`sequence` integer NOT NULL,
	`issued_on` text NOT NULL,
	`service_month` text,
	`due_on` text NOT NULL,
	`status` text NOT NULL,
	`lines` text NOT NULL,
	`vat_breakdown` text NOT NULL,
	`vat_mention` text,
	`net_cents` integer NOT NULL,
	`vat_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`penalty_rate_bps` integer NOT NULL,
	`regime` text NOT NULL,
	`plan` text NOT NULL,
	`fee_cents` integer NOT NULL,
	`payout_cents` integer NOT NULL,
	`payout_earliest` text,
	`payout_latest` text,
	`client_due_on` text,
	`client_paid_on` text,
	`paid_on` text,
	`cancels_invoice_id` text,
	`cancelled_by_id` text,
	`seller` text NOT NULL,
	`buyer` text NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number` ON `invoices` (`user_id`,`kind`,`year`,`sequence`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_cra` ON `invoices` (`cra_id`);--> statement-breakpoint
CREATE INDEX `invoices_user_seq` ON `invoices` (`user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `write_guards` (
	`ok` integer NOT NULL,
	CONSTRAINT "write_guards_ok" CHECK("write_guards"."ok" = 1)
);
