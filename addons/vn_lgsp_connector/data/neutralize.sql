-- A copy of the database (restore drill, test copy) never talks to the LGSP:
-- the connection is switched off and points nowhere.
UPDATE vn_lgsp_profile
   SET active = false,
       endpoint = 'https://neutralized.invalid';
