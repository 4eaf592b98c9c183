DROP INDEX `messages_account_external_idx`;--> statement-breakpoint
DROP INDEX `messages_media_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_account_external_idx` ON `messages` (`account_id`,`external_id`) WHERE "messages"."external_id" is not null;--> statement-breakpoint
CREATE INDEX `messages_media_idx` ON `messages` (`media_id`) WHERE "messages"."media_id" is not null;