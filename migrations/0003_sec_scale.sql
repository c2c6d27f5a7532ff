CREATE TABLE `sign_in_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_events_scope` ON `sign_in_events` (`scope`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_events_at` ON `sign_in_events` (`at`);--> statement-breakpoint
CREATE TABLE `job_progress` (
	`job` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`state` text NOT NULL,
	`done` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `completed_at` text;--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `leased_until` text;--> statement-breakpoint
CREATE INDEX `idempotency_created` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
ALTER TABLE `tokens` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `expires_at` text;--> statement-breakpoint
CREATE INDEX `tokens_user_created` ON `tokens` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `auth_codes_expiry` ON `auth_codes` (`expires_at`);--> statement-breakpoint
CREATE INDEX `legal_documents_user` ON `legal_documents` (`user_id`,`expires_on`,`id`);--> statement-breakpoint
CREATE INDEX `legal_documents_expiry` ON `legal_documents` (`expires_on`);--> statement-breakpoint
CREATE INDEX `missions_user_created` ON `missions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchase_orders_user` ON `purchase_orders` (`user_id`,`starts_on`);--> statement-breakpoint
CREATE INDEX `purchase_orders_running` ON `purchase_orders` (`ends_on`);--> statement-breakpoint
CREATE INDEX `invoices_user_order` ON `invoices` (`user_id`,`issued_on`,"kind" DESC,`sequence`);--> statement-breakpoint
CREATE INDEX `invoices_user_year_order` ON `invoices` (`user_id`,`year`,`issued_on`,"kind" DESC,`sequence`);--> statement-breakpoint
CREATE INDEX `invoices_user_open` ON `invoices` (`user_id`,`kind`,`status`,`payout_earliest`);--> statement-breakpoint
CREATE INDEX `invoices_due_payout_earliest` ON `invoices` (`status`,`payout_earliest`);--> statement-breakpoint
CREATE INDEX `invoices_due_payout_latest` ON `invoices` (`status`,`payout_latest`);--> statement-breakpoint
CREATE INDEX `invoices_due_on` ON `invoices` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `email_deliveries_created` ON `email_deliveries` (`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_occurred` ON `outbox_events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_page` ON `webhook_deliveries` (`endpoint_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_created` ON `webhook_deliveries` (`created_at`);--> statement-breakpoint
CREATE INDEX `webhook_endpoints_user_created` ON `webhook_endpoints` (`user_id`,`created_at`);