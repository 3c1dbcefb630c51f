-- A standard decline reason ("legislation", "conflicts", "existing") is stored as its code and
-- put in words when shown, in the reader's language; `resolution` keeps the decider's own words.
-- (The history entry keeps the code in its details.)
ALTER TABLE ideas ADD COLUMN resolution_code TEXT;
