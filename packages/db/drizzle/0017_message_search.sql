-- Full-text search over message text (a text or a file's caption), for the inbox's search box. An
-- external-content FTS5 index: the text stays in `messages` only; the triggers keep the index in step in
-- the same transaction as each write. Status and receipt updates do not touch `body`, so they skip it.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(body, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` WHEN new.body <> '' BEGIN
  INSERT INTO `messages_fts` (rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` WHEN old.body <> '' BEGIN
  INSERT INTO `messages_fts` (`messages_fts`, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF body ON `messages` BEGIN
  INSERT INTO `messages_fts` (`messages_fts`, rowid, body) SELECT 'delete', old.rowid, old.body WHERE old.body <> '';
  INSERT INTO `messages_fts` (rowid, body) SELECT new.rowid, new.body WHERE new.body <> '';
END;
--> statement-breakpoint
-- Messages stored before the index existed.
INSERT INTO `messages_fts` (rowid, body) SELECT rowid, body FROM `messages` WHERE body <> '';
