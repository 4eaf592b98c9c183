ALTER TABLE `campaigns` ADD `media_id` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `media_type` text;