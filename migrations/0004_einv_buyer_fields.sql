ALTER TABLE `missions` ADD `client_vat_number` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `client_address_line` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `client_postcode` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `client_city` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `client_electronic_address` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `client_electronic_address_scheme` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `title` text;--> statement-breakpoint
ALTER TABLE `missions` ADD `service_description` text;