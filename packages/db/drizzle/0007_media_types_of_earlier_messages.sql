-- Messages received before media was stored only described their file, as {type, mimetype, size, filename}
-- with WhatsApp's own type names: give them their message type and the description every message now has.
-- Their body was a placeholder like "[image]" when the file had no caption.
UPDATE `messages` SET `body` = ''
WHERE `media` IS NOT NULL AND `body` = '[' || json_extract(`media`, '$.type') || ']';--> statement-breakpoint
UPDATE `messages` SET `type` = CASE json_extract(`media`, '$.type')
  WHEN 'image' THEN 'image'
  WHEN 'video' THEN 'video'
  WHEN 'ptv' THEN 'video'
  WHEN 'audio' THEN 'audio'
  WHEN 'ptt' THEN 'voice'
  WHEN 'sticker' THEN 'sticker'
  ELSE 'document'
END
WHERE `media` IS NOT NULL AND json_extract(`media`, '$.type') IS NOT NULL;--> statement-breakpoint
UPDATE `messages` SET `media` = json_object(
  'mimetype', json_extract(`media`, '$.mimetype'),
  'size', json_extract(`media`, '$.size'),
  'filename', json_extract(`media`, '$.filename'),
  'sha256', NULL,
  'missing', 'Received before Switchboard kept media files'
)
WHERE `media` IS NOT NULL AND json_extract(`media`, '$.type') IS NOT NULL;
