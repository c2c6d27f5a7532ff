ALTER TABLE `legal_documents` ADD `file_name` text;--> statement-breakpoint
ALTER TABLE `legal_documents` ADD `file_type` text;--> statement-breakpoint
ALTER TABLE `legal_documents` ADD `file_bytes` integer;--> statement-breakpoint
ALTER TABLE `legal_documents` ADD `file_base64` text;