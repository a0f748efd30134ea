package questlog.library;

/** An import body that turned out to be a dataset document, its members read into {@code members}. */
record ReadDataset(DatasetMembers members) implements ImportBody {}
