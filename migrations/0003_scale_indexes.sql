CREATE INDEX `tokens_user_created` ON `tokens` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `legal_documents_user` ON `legal_documents` (`user_id`,`expires_on`,`id`);--> statement-breakpoint
CREATE INDEX `missions_user_created` ON `missions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchase_orders_user` ON `purchase_orders` (`user_id`,`starts_on`);--> statement-breakpoint
CREATE INDEX `invoices_user_order` ON `invoices` (`user_id`,`issued_on`,"kind" DESC,`sequence`);--> statement-breakpoint
CREATE INDEX `invoices_user_year_order` ON `invoices` (`user_id`,`year`,`issued_on`,"kind" DESC,`sequence`);--> statement-breakpoint
CREATE INDEX `invoices_user_open` ON `invoices` (`user_id`,`kind`,`status`,`payout_earliest`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_page` ON `webhook_deliveries` (`endpoint_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_endpoints_user_created` ON `webhook_endpoints` (`user_id`,`created_at`);