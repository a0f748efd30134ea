/**
 * The library's sections of dataset documents ({@code genres}, {@code franchises}, {@code games},
 * {@code editions}: read record by record, checked and written together), and the import of the
 * original Questlog's {@code {franchises, works, editions}} body.
 */
package questlog.library.dataset;
