CREATE TABLE `invoice_sendings` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`kind` text NOT NULL,
	`step` integer,
	`to_address` text NOT NULL,
	`cc_address` text,
	`subject` text NOT NULL,
	`locale` text NOT NULL,
	`status` text NOT NULL,
	`message_id` text,
	`error` text,
	`sent_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_sendings_invoice` ON `invoice_sendings` (`user_id`,`invoice_id`,`sent_at`);--> statement-breakpoint
ALTER TABLE `legal_documents` ADD `file_name` text;--> statement-breakpoint
ALTER TABLE `legal_documents` ADD `file_type` text;--> statement-breakpoint
ALTER TABLE `legal_documents` ADD `file_bytes` integer;--> statement-breakpoint
ALTER TABLE `legal_documents` ADD `file_base64` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `client_email` text;