DROP INDEX `outbox_occurred`;--> statement-breakpoint
CREATE INDEX `outbox_compactable` ON `outbox_events` (`occurred_at`) WHERE "outbox_events"."payload" <> '';