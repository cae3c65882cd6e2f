/* reader.h — the reader shared by the format parsers (internal).
 *
 * A reader owns one byte source (a FILE or a caller's buffer), hands out
 * lines bounded by DY_INPUT_MAX_RECORD, and builds one dyad_doc at a time in
 * the document arena, which is reset on every dyad_reader_next(). */
#ifndef DY_READER_H
#define DY_READER_H

#include <stdio.h>

#include "input/doc.h"

/* The largest record (line, CSV row, TABARI record, XML record) a reader
 * holds in memory; larger ones are rejected with a reason and skipped. */
#define DY_INPUT_MAX_RECORD (64u * 1024u * 1024u)

typedef struct rd_kv {
    char *name, *value;
} rd_kv;

struct dyad_reader {
    dyad_format fmt;
    char *path;         /* display name: the path, "-" for stdin, or the caller's name */
    char *base;         /* basename, for document ids */
    FILE *fp;
    int own_fp;
    const char *mem;
    size_t memlen, mempos;
    char *blk;          /* read block for FILE sources */
    size_t blen, bpos;
    int eof, ioerr, finished;
    uint32_t lineno;    /* lines handed out so far */
    dy_buf line;        /* current line (FILE sources) */
    dy_buf rec;         /* record being gathered */
    dy_buf aux;         /* scratch */
    dyad_diag_fn diag;
    void *diag_user;
    dyad_read_stats st;
    dyad_doc doc;

    /* CSV */
    int csv_ready;
    int col_id, col_date, col_text, col_source, col_url, ncols;

    /* TABARI: a header line read ahead */
    int tb_have_pend;
    uint32_t tb_pend_line;
    dy_buf tb_pend;

    /* PETRARCH XML */
    dy_buf xbuf;
    size_t xpos;
    size_t xresume;     /* bytes after xpos already searched for a terminator */
    uint32_t xline;     /* line number at xbuf[xpos] */
    rd_kv *env;
    size_t nenv, capenv;
    rd_kv *pendopt;     /* <Config> met between records: given to the next record */
    size_t npendopt, cappendopt;
};

/* Next line without its end-of-line. Returns 1, 0 at end, -1 on I/O error.
 * *too_long is set (and the line emptied) when it exceeded the limit. */
int dy_rd_line(dyad_reader *r, const char **p, size_t *n, int *too_long);

/* Report a rejected record (counted) or a warning (not counted; its message
 * starts with "warning: ", the convention the dictionary loader uses too). */
void dy_rd_reject(dyad_reader *r, uint32_t line, const char *id, const char *msg);
void dy_rd_warn(dyad_reader *r, uint32_t line, const char *id, dyad_status code, const char *msg);

/* Reset the document for a new record starting at `line`. */
void dy_rd_doc_begin(dyad_reader *r, uint32_t line);
/* Split text into sentences for the current document (reports forced splits). */
int dy_rd_doc_text(dyad_reader *r, const char *text, size_t n);
/* Append one sentence to the current document. */
int dy_rd_doc_add(dyad_reader *r, const dy_sentence *s);
/* Count the current document as accepted and return it. */
const dyad_doc *dy_rd_accept(dyad_reader *r);
/* id "basename:line" when the record has none. */
const char *dy_rd_default_id(dyad_reader *r, uint32_t line);

/* Dates: "19950101", "950101" (00-49 -> 20xx, 50-99 -> 19xx), "1995-01-01"
 * (anything after the day, such as a time, is ignored). Returns 0 and fills
 * iso ("YYYY-MM-DD") and num (YYYYMMDD), or -1 when it is not a valid date. */
int dy_date_parse(const char *s, size_t n, char iso[11], uint32_t *num);

/* Format parsers: the next document, NULL at end (err set on fatal errors). */
const dyad_doc *dy_rd_next_tabari(dyad_reader *r, dyad_error *err);
const dyad_doc *dy_rd_next_petrxml(dyad_reader *r, dyad_error *err);
void dy_rd_petrxml_free(dyad_reader *r);

/* The <Environment> entries of a PETRARCH XML file read so far ("Verbfile",
 * "Actorfile", ...): the value, or NULL. */
const char *dy_petrxml_environment(const dyad_reader *r, const char *name);

#endif
