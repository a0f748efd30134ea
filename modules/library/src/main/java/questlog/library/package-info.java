package questlog.library;
