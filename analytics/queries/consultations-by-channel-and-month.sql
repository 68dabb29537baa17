-- Ad hoc: the consultation ledger nationally, per month and channel (12348 hotline, window, internet,
-- workstation). Each event counted once.
WITH once AS (
  SELECT DISTINCT event_id, year, month, data FROM legal_aid_events WHERE type = 'ConsultationRecorded'
)
SELECT year, month, json_extract_scalar(data, '$.channel') AS channel, count(*) AS consultations
FROM once
GROUP BY year, month, json_extract_scalar(data, '$.channel')
ORDER BY year, month, channel
