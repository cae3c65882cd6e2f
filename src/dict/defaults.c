/* dyad_dict_load_default(): the dictionaries embedded in the library.
 *
 * The files are the dict/ dictionaries plus the country actors generated
 * from iso-codes at build time (cmake/gen-defaults.cmake), compiled in as
 * byte arrays in load order. They go through the same strict parser as files on disk, under
 * their source names, so an error in an embedded file reads
 * "dict/dyad.verbs.txt:12:3: reason"; tests/unit/test_defaults.c keeps them
 * clean. The names are static strings: an error may outlive the set. */
#include "dict/load.h"
#include "dict_defaults.h"

dyad_dict *dyad_dict_load_default(dyad_error *err)
{
    dyad_dict *d = dy_dict_new();
    if (!d) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    for (size_t i = 0; i < dy_default_nfiles; i++) {
        const dy_default_file *f = &dy_default_files[i];
        if (dy_dict_add_buffer(d, f->name, f->data, f->len, DY_DK_AUTO, NULL, err) != DYAD_OK)
            goto fail;
    }
    if (dy_dict_finish(d, err) != DYAD_OK)
        goto fail;
    return d;
fail:
    dyad_dict_free(d);
    return NULL;
}
