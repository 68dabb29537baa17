-- The annual report's figures for every province and year (GET /reports/annual?organisationId=<the
-- provincial department>&year=<year> answers the same numbers for one of them), as rows of
-- (year, province, figure, value); `figure` is the report's own path (cases.byCategory.criminal).
-- A figure with no row is 0. Runs as it is in Athena (named query) and in DuckDB (npm run analytics).
-- Each event counts once: the store is written at least once, and a duplicate is the same row.
-- Counted as the report counts: a case on its receipt date, a closing on its date, a consultation on
-- its date, each under the province its agency lay in on that date.
WITH once AS (
  SELECT DISTINCT event_id, type, year, province, data FROM legal_aid_events
),
openings AS (
  SELECT year, province,
    -- A notified defence is a criminal case; its notification carries no category.
    CASE WHEN type = 'DefenceNotificationReceived' THEN 'criminal' ELSE json_extract_scalar(data, '$.category') END AS category,
    json_extract_scalar(data, '$.formOfAid') AS form_of_aid
  FROM once
  WHERE type IN ('ApplicationReceived', 'ForwardedApplicationReceived', 'DefenceNotificationReceived')
),
closings AS (
  SELECT year, province,
    json_extract_scalar(data, '$.outcome') AS outcome,
    CAST(json_extract_scalar(data, '$.economicLossRecoveredFen') AS BIGINT) AS loss_fen
  FROM once
  WHERE type = 'CaseClosed'
),
consultations AS (
  SELECT year, province,
    json_extract_scalar(data, '$.channel') AS channel,
    json_extract_scalar(data, '$.toldOfRightToApply') AS told
  FROM once
  WHERE type = 'ConsultationRecorded'
)
SELECT year, province, 'cases.received' AS figure, CAST(count(*) AS BIGINT) AS value FROM openings GROUP BY year, province
UNION ALL
SELECT year, province, 'cases.criminal', CAST(count(*) AS BIGINT) FROM openings WHERE category = 'criminal' GROUP BY year, province
UNION ALL
SELECT year, province, 'cases.byCategory.' || category, CAST(count(*) AS BIGINT) FROM openings GROUP BY year, province, category
UNION ALL
SELECT year, province, 'cases.byFormOfAid.' || form_of_aid, CAST(count(*) AS BIGINT) FROM openings GROUP BY year, province, form_of_aid
UNION ALL
SELECT year, province, 'closings.closed', CAST(count(*) AS BIGINT) FROM closings GROUP BY year, province
UNION ALL
SELECT year, province, 'closings.byOutcome.' || outcome, CAST(count(*) AS BIGINT) FROM closings GROUP BY year, province, outcome
UNION ALL
SELECT year, province, 'closings.economicLossRecoveredFen', CAST(sum(loss_fen) AS BIGINT) FROM closings GROUP BY year, province
UNION ALL
SELECT year, province, 'consultations.total', CAST(count(*) AS BIGINT) FROM consultations GROUP BY year, province
UNION ALL
SELECT year, province, 'consultations.byChannel.' || channel, CAST(count(*) AS BIGINT) FROM consultations GROUP BY year, province, channel
UNION ALL
SELECT year, province, 'consultations.toldOfRightToApply', CAST(count(*) AS BIGINT) FROM consultations WHERE told = 'true' GROUP BY year, province
ORDER BY year, province, figure
