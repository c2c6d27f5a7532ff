CREATE TABLE `server_keys` (
	`purpose` text NOT NULL,
	`key_id` integer NOT NULL,
	`secret` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`purpose`, `key_id`)
);
