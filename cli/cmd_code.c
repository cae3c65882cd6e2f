/* dyad code [--dict PATH] [--input FMT] [--output jsonl|tsv] [--scale S] [FILE...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void cc_usage(FILE *f)
{
    fprintf(f,
            "usage: dyad code [--dict PATH]... [--lenient] [--input text|jsonl|csv|tabari|petrarch-xml|conllu]\n"
            "                 [--output jsonl|tsv | --db PATH_OR_URL] [--threads N] [--ignore-parse]\n"
            "                 [--no-require-dyad] [--date YYYY-MM-DD] [--strict-discards] [--provenance] [FILE...]\n"
            "Codes news into events on stdout. Without FILE, reads stdin. Without --dict,\n"
            "uses dyad's embedded dictionaries; --dict may be repeated, and --lenient\n"
            "loads past malformed dictionary entries, listing each. Totals go to stderr. Output is identical\n"
            "for any --threads (default 1). With --db, events go into a store (SQLite file\n"
            "or postgresql:// URL) in one transaction instead of to stdout. --date dates\n"
            "documents that carry no date of their own (plain text); a sentence that dates\n"
            "itself (\"In 2004, ...\") dates its events (date_precision says how exactly).\n"
            "--strict-discards drops sentences whose discard entry is only a date (\"1999\"),\n"
            "as PETRARCH2 does, instead of coding them with that date. --provenance ends JSON\n"
            "lines with a {\"dyad_run\":...} line (dictionaries, scale, counts) that 'dyad load'\n"
            "records in the store's runs table.\n");
}

typedef struct cc_out {
    FILE *f;
    dyad_output fmt;
} cc_out;

int cmd_code(int argc, char **argv)
{
    const char **dict_paths = calloc((size_t)argc + 1, sizeof *dict_paths);
    size_t ndict = 0;
    int lenient = 0;
    int fmt = DYAD_FMT_AUTO;
    dyad_code_opts copts = {0};
    cc_out out = {stdout, DYAD_OUT_JSONL};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int ex = EXIT_OK;
    int threads = 1;
    int provenance = 0;
    const char *db = NULL;
    dyad_store *store = NULL;
    dyad_coder *coder = NULL;
    dyad_dict *dict = NULL;
    char *input = NULL;
    if (!files || !dict_paths) {
        free(files);
        free(dict_paths);
        return EXIT_INTERNAL;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cc_usage(stdout);
            goto done;
        } else if (!strcmp(a, "--dict") && i + 1 < argc) {
            dict_paths[ndict++] = argv[++i];
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strcmp(a, "--date") && i + 1 < argc) {
            unsigned y, m, d;
            char tail;
            if (sscanf(argv[++i], "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
                fprintf(stderr, "dyad code: --date takes YYYY-MM-DD\n");
                ex = EXIT_USAGE;
                goto done;
            }
            copts.default_date = y * 10000 + m * 100 + d;
        } else if (!strcmp(a, "--lenient")) {
            lenient = 1;
        } else if (!strcmp(a, "--input") && i + 1 < argc) {
            fmt = dyad_format_from_name(argv[++i]);
            if (fmt < 0) {
                fprintf(stderr, "dyad code: unknown input format '%s'\n", argv[i]);
                ex = EXIT_USAGE;
                goto done;
            }
        } else if (!strcmp(a, "--output") && i + 1 < argc) {
            const char *o = argv[++i];
            if (!strcmp(o, "jsonl"))
                out.fmt = DYAD_OUT_JSONL;
            else if (!strcmp(o, "tsv"))
                out.fmt = DYAD_OUT_TSV;
            else {
                fprintf(stderr, "dyad code: unknown output format '%s'\n", o);
                ex = EXIT_USAGE;
                goto done;
            }
        } else if (!strcmp(a, "--threads") && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 256) {
                fprintf(stderr, "dyad code: --threads takes a number from 1 to 256\n");
                ex = EXIT_USAGE;
                goto done;
            }
            threads = (int)n;
        } else if (!strcmp(a, "--ignore-parse")) {
            copts.ignore_parse = 1;
        } else if (!strcmp(a, "--provenance")) {
            provenance = 1;
        } else if (!strcmp(a, "--strict-discards")) {
            copts.strict_discards = 1;
        } else if (!strcmp(a, "--no-require-dyad")) {
            copts.require_dyad = -1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad code: unknown option '%s'\n", a);
            cc_usage(stderr);
            ex = EXIT_USAGE;
            goto done;
        } else {
            files[nfiles++] = a;
        }
    }
    if (nfiles == 0)
        files[nfiles++] = "-";

    if (!(dict = cli_load_dicts(dict_paths, ndict, lenient, &ex)))
        goto done;
    dyad_error err = {0};
    size_t read = 0, rejected = 0, coded_sentences = 0, discarded = 0, events = 0, bad_rows = 0;
    if (db) {
        /* the whole run is one load: all of it lands, or none of it */
        if (!(store = dyad_store_open(db, &err)) || dyad_store_begin(store, cli_diag_print, &bad_rows, &err) ||
            !(coder = dyad_coder_new(dict, &copts, &err))) {
            cli_print_error(&err);
            ex = cli_exit_for(err.code);
            goto done;
        }
    }
    for (size_t f = 0; f < nfiles; f++) {
        size_t diags = 0;
        dyad_reader *r = dyad_reader_open(files[f], (dyad_format)fmt, cli_diag_print, &diags, &err);
        if (!r) {
            cli_print_error(&err);
            ex = cli_exit_for(err.code);
            goto done;
        }
        int st = DYAD_OK;
        if (store) {
            const dyad_doc *doc;
            while (st == DYAD_OK && (doc = dyad_reader_next(r, &err)))
                if (dyad_coder_code(coder, doc, dyad_store_event_fn, store, &err) < 0)
                    st = err.code ? err.code : DYAD_E_STORE;
            if (st == DYAD_OK && err.code)
                st = err.code;
        } else {
            dyad_code_stats fs;
            st = dyad_code_stream(dict, &copts, r, threads, out.fmt, stdout, &fs, &err);
            coded_sentences += fs.sentences;
            discarded += fs.sentences_discarded;
            events += fs.events;
        }
        if (st != DYAD_OK) {
            cli_print_error(&err);
            ex = cli_exit_for(err.code);
        }
        dyad_read_stats rs;
        dyad_reader_get_stats(r, &rs);
        read += rs.records_read;
        rejected += rs.records_rejected;
        dyad_reader_free(r);
        if (ex != EXIT_OK)
            goto done;
    }
    /* provenance: the runs row of --db (docs/store.md), or a last line */
    size_t inlen = 1;
    for (size_t f = 0; f < nfiles; f++)
        inlen += strlen(files[f]) + 1;
    if (!(input = calloc(inlen, 1))) {
        ex = EXIT_INTERNAL;
        goto done;
    }
    for (size_t f = 0; f < nfiles; f++)
        strcat(strcat(input, f ? " " : ""), files[f]);
    dyad_run_info ri = {.command = "code", .input = input, .dict = dict,
                        .dict_embedded = ndict == 0,
                        .goldstein_scale = dyad_scale_name(copts.scale),
                        .quad_scheme = dyad_quad_scheme_name(copts.quads), .has_records = 1,
                        .records_read = read, .records_coded = read - rejected,
                        .records_rejected = rejected, .sentences = coded_sentences};
    if (provenance && !store && out.fmt == DYAD_OUT_JSONL &&
        dyad_run_write_jsonl(stdout, &ri) != DYAD_OK) {
        fprintf(stderr, "dyad code: cannot write events\n");
        ex = EXIT_IO;
        goto done;
    }
    if (store) {
        dyad_code_stats cs;
        dyad_load_stats ls;
        dyad_coder_get_stats(coder, &cs);
        coded_sentences = cs.sentences;
        discarded = cs.sentences_discarded;
        events = cs.events;
        ri.records_read = read;
        ri.records_coded = read - rejected;
        ri.records_rejected = rejected;
        ri.sentences = coded_sentences;
        int rc = ri.input ? dyad_store_set_run(store, &ri, &err) : DYAD_E_NOMEM;
        if (rc != DYAD_OK || dyad_store_commit(store, &ls, &err) != DYAD_OK) {
            cli_print_error(&err);
            ex = cli_exit_for(err.code);
            goto done;
        }
        fprintf(stderr, "dyad: stored %zu events (%zu already there, %zu rejected) in %s\n", ls.loaded,
                ls.duplicate, ls.rejected, dyad_store_backend(store));
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "dyad code: cannot write events\n");
        ex = EXIT_IO;
        goto done;
    }
    fprintf(stderr,
            "dyad: records read %zu = coded %zu + rejected %zu; sentences %zu (discarded %zu); "
            "events %zu\n",
            read, read - rejected, rejected, coded_sentences, discarded, events);
    if (rejected || bad_rows)
        ex = EXIT_REJECTS;
done:
    if (store && ex != EXIT_OK && ex != EXIT_REJECTS)
        dyad_store_rollback(store);
    dyad_store_close(store);
    free(input);
    dyad_coder_free(coder);
    dyad_dict_free(dict);
    free(files);
    free(dict_paths);
    return ex;
}
