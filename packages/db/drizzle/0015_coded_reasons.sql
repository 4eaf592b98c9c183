ALTER TABLE `accounts` ADD `status_reason_coded` text;--> statement-breakpoint
ALTER TABLE `campaign_recipients` ADD `error_coded` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `pause_detail_coded` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `error_coded` text;--> statement-breakpoint
ALTER TABLE `session_events` ADD `detail_coded` text;