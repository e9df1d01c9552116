-- A consent question that got no usable answer (silence, twice unclear) is stored as method
-- 'no_answer' with granted = false.
ALTER TABLE consents DROP CONSTRAINT consents_method_check;
ALTER TABLE consents ADD CONSTRAINT consents_method_check
    CHECK (method IN ('keypad', 'speech', 'no_answer'));
