package questlog.realtime;

/** An envelope rendered once to its JSON text, as every channel sends it. */
record Message(long id, String type, String json) {}
