CREATE TABLE `sign_in_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_events_scope` ON `sign_in_events` (`scope`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_events_at` ON `sign_in_events` (`at`);--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `completed_at` text;--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `leased_until` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `expires_at` text;--> statement-breakpoint
CREATE INDEX `auth_codes_expiry` ON `auth_codes` (`expires_at`);