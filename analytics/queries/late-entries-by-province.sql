-- Ad hoc: how much of each province's record is entered late or imported, per year and month (a
-- data-quality question for the national office). Each event counted once.
SELECT year, month, province,
  count(DISTINCT event_id) AS events,
  count(DISTINCT CASE WHEN late_entry THEN event_id END) AS late_entries,
  count(DISTINCT CASE WHEN imported THEN event_id END) AS imported
FROM legal_aid_events
GROUP BY year, month, province
ORDER BY year, month, province
