ALTER TABLE `webhook_attempts` ADD `private_target` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `webhooks` ADD `url_set_by_admin` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Endpoints that only an admin could have made keep reaching private targets: global ones and those of
-- accounts an admin owns (operators never see those). Operators' accounts' endpoints need an admin again.
UPDATE `webhooks` SET `url_set_by_admin` = true WHERE `account_id` IS NULL OR `account_id` IN (
  SELECT `accounts`.`id` FROM `accounts` JOIN `users` ON `users`.`id` = `accounts`.`owner_id` WHERE `users`.`role` = 'admin'
);
