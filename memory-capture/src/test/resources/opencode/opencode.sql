-- OpenCode >= 1.2's store, reduced to the tables and columns the importer reads (see
-- the agent spec other-agents.md 4.2); the tests build opencode.db from this file.
CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT, parent_id TEXT, directory TEXT, title TEXT, time_created INTEGER, time_updated INTEGER);
CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT, time_created INTEGER, time_updated INTEGER, data TEXT);
CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT, session_id TEXT, time_created INTEGER, time_updated INTEGER, data TEXT);
INSERT INTO session VALUES ('ses_4f2a9c1d7e3bXk', '9a7c', NULL, '/home/dev/kiln-scheduler', 'Fair queue', 1796036400000, 1796036460000);
INSERT INTO message VALUES ('msg_01', 'ses_4f2a9c1d7e3bXk', 1796036410000, 1796036410000, '{"role":"user","time":{"created":1796036410000}}');
INSERT INTO message VALUES ('msg_02', 'ses_4f2a9c1d7e3bXk', 1796036411000, 1796036460000, '{"role":"assistant","time":{"created":1796036411000,"completed":1796036460000},"modelID":"claude-sonnet-4"}');
INSERT INTO message VALUES ('msg_03', 'ses_4f2a9c1d7e3bXk', 1796036470000, 1796036470000, 'not json');
INSERT INTO part VALUES ('prt_01', 'msg_01', 'ses_4f2a9c1d7e3bXk', 1796036410000, 1796036410000, '{"type":"text","text":"The kiln firing queue starves low-priority jobs; make it fair."}');
INSERT INTO part VALUES ('prt_02', 'msg_02', 'ses_4f2a9c1d7e3bXk', 1796036420000, 1796036420000, '{"type":"tool","callID":"call_7Qx","tool":"bash","state":{"status":"completed","input":{"command":"go test ./queue/..."},"output":"--- FAIL: TestFairness (0.01s)\n    queue_test.go:88: job 7 waited 41 rounds","time":{"start":1796036415000,"end":1796036420000}}}');
INSERT INTO part VALUES ('prt_03', 'msg_02', 'ses_4f2a9c1d7e3bXk', 1796036460000, 1796036460000, '{"type":"text","text":"I replaced the strict priority pop with weighted round robin; TestFairness passes."}');
