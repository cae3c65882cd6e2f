/* dyad code [--dict PATH] [--input FMT] [--output jsonl|tsv] [--scale S] [FILE...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void cc_usage(FILE *f)
{
    fprintf(f,
            "usage: dyad code [--dict PATH] [--input text|jsonl|csv|tabari|petrarch-xml|conllu]\n"
            "                 [--output jsonl|tsv] [--ignore-parse] [--no-require-dyad] [FILE...]\n"
            "Codes news into events on stdout. Without FILE, reads stdin. Without --dict,\n"
            "uses dyad's embedded dictionaries. Totals go to stderr.\n");
}

typedef struct cc_out {
    FILE *f;
    dyad_output fmt;
    int failed;
} cc_out;

static int cc_event(void *user, const dyad_event *ev)
{
    cc_out *o = user;
    int rc = o->fmt == DYAD_OUT_TSV ? dyad_event_write_tsv(o->f, ev) : dyad_event_write_jsonl(o->f, ev);
    if (rc != 0)
        o->failed = 1;
    return rc != 0;
}

int cmd_code(int argc, char **argv)
{
    const char *dict_path = NULL;
    int fmt = DYAD_FMT_AUTO;
    dyad_code_opts copts = {0};
    cc_out out = {stdout, DYAD_OUT_JSONL, 0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int ex = EXIT_OK;
    dyad_dict *dict = NULL;
    dyad_coder *coder = NULL;
    if (!files)
        return EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cc_usage(stdout);
            goto done;
        } else if (!strcmp(a, "--dict") && i + 1 < argc) {
            dict_path = argv[++i];
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
        } else if (!strcmp(a, "--ignore-parse")) {
            copts.ignore_parse = 1;
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

    if (!(dict = cli_load_dict(dict_path, &ex)))
        goto done;
    dyad_error err = {0};
    if (!(coder = dyad_coder_new(dict, &copts, &err))) {
        cli_print_error(&err);
        ex = cli_exit_for(err.code);
        goto done;
    }
    size_t read = 0, rejected = 0, sentences = 0;
    for (size_t f = 0; f < nfiles; f++) {
        size_t diags = 0;
        dyad_reader *r = dyad_reader_open(files[f], (dyad_format)fmt, cli_diag_print, &diags, &err);
        if (!r) {
            cli_print_error(&err);
            ex = cli_exit_for(err.code);
            goto done;
        }
        const dyad_doc *doc;
        while ((doc = dyad_reader_next(r, &err))) {
            if (dyad_coder_code(coder, doc, cc_event, &out, &err) < 0 || out.failed) {
                if (out.failed)
                    fprintf(stderr, "dyad code: cannot write events\n");
                else
                    cli_print_error(&err);
                dyad_reader_free(r);
                ex = out.failed ? EXIT_IO : cli_exit_for(err.code);
                goto done;
            }
        }
        if (err.code) {
            cli_print_error(&err);
            ex = cli_exit_for(err.code);
        }
        dyad_read_stats rs;
        dyad_reader_get_stats(r, &rs);
        read += rs.records_read;
        rejected += rs.records_rejected;
        sentences += rs.sentences;
        dyad_reader_free(r);
        if (ex != EXIT_OK)
            goto done;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "dyad code: cannot write events\n");
        ex = EXIT_IO;
        goto done;
    }
    dyad_code_stats cs;
    dyad_coder_get_stats(coder, &cs);
    fprintf(stderr,
            "dyad: records read %zu = coded %zu + rejected %zu; sentences %zu (discarded %zu); "
            "events %zu\n",
            read, read - rejected, rejected, cs.sentences, cs.sentences_discarded, cs.events);
    if (rejected)
        ex = EXIT_REJECTS;
done:
    dyad_coder_free(coder);
    dyad_dict_free(dict);
    free(files);
    return ex;
}
