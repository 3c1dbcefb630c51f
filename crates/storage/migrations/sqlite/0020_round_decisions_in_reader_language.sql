-- A published round's decision stores only what the community wrote or counted: the round's
-- title and the result list. How it was counted is said on display, in the reader's language,
-- from the round (found through this index). Decisions published before this carried Danish
-- prose of ours; they are brought to the same form.
CREATE UNIQUE INDEX rounds_decision ON rounds (decision_id);

UPDATE decisions SET
    title = (SELECT r.title FROM rounds r WHERE r.decision_id = decisions.id),
    body = CASE WHEN INSTR(body, char(10) || char(10)) > 0
                THEN SUBSTR(body, INSTR(body, char(10) || char(10)) + 2) ELSE body END,
    reason = ''
WHERE id IN (SELECT decision_id FROM rounds WHERE decision_id IS NOT NULL)
  AND title LIKE 'Resultat af prioriteringsrunden: %';
