/*
 * dyad.h — the public interface of libdyad, a political event coder.
 *
 * dyad turns news text into event records: who (source) did what (a CAMEO
 * code, with its PLOVER type, Goldstein score and quad class) to whom
 * (target), and when. This header is the manual: everything a program may
 * rely on is declared and documented here; nothing else is exported.
 *
 * The pieces, in the order a program uses them:
 *
 *   1. Errors       dyad_error: {code, static message, position}.
 *   2. Dictionaries dyad_dict: verbs, actors, agents, discards and issues in
 *                   PETRARCH2 or TABARI format, or dyad's embedded defaults.
 *                   Loaded once, then read-only: threads share one freely.
 *   3. Codebook     the CAMEO codes with names, Goldstein values, quad
 *                   classes and PLOVER types, under named scales/schemes.
 *   4. Input        dyad_reader: documents from plain text, JSON lines,
 *                   TABARI records, PETRARCH XML (Penn trees) or CoNLL-U.
 *   5. Coding       dyad_coder: one per thread; codes a document into events.
 *   6. Output       JSON lines or Phoenix-order TSV writers.
 *   7. Validation   run a PETRARCH or TABARI validation suite.
 *   8. Store        SQLite (default) or PostgreSQL event store and queries.
 *   9. Report       a self-contained HTML report from a store.
 *
 * Conventions: functions are dyad_noun_verb(); every _new has a _free, and
 * _free accepts NULL. Functions that can fail take a dyad_error * (which may
 * be NULL) and return NULL or a non-zero DYAD_E_* code on failure. Strings
 * are UTF-8. Nothing here keeps global state.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(DYAD_BUILDING)
#define DYAD_EXPORT __attribute__((visibility("default")))
#else
#define DYAD_EXPORT
#endif

#define DYAD_VERSION_MAJOR 0
#define DYAD_VERSION_MINOR 1
#define DYAD_VERSION_PATCH 0
#define DYAD_VERSION_STRING "0.1.0"

/** The library's version string, e.g. "0.1.0". */
DYAD_EXPORT const char *dyad_version(void);

/* ======================================================================
 * 1. Errors
 * ====================================================================== */

/** Error codes. 0 is success; the CLI maps these onto its exit codes. */
typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_E_NOMEM = 1,     /**< allocation failed or a size overflowed */
    DYAD_E_IO = 2,        /**< a file could not be opened, read or written */
    DYAD_E_SYNTAX = 3,    /**< malformed dictionary, config or input record */
    DYAD_E_LIMIT = 4,     /**< an explicit limit was exceeded (never truncated) */
    DYAD_E_ARG = 5,       /**< invalid argument from the caller */
    DYAD_E_STORE = 6,     /**< database error */
    DYAD_E_UNSUPPORTED = 7 /**< a feature not available in this build */
} dyad_status;

/**
 * An error: a code, a static message and where it happened.
 *
 * `msg` always points to static storage. `path` (may be NULL) names the file
 * and stays valid as long as the object that reported the error. `pos` is a
 * byte offset into that file; `line` and `col` (1-based, 0 if unknown) are
 * filled by the reporter when it knows them, or by dyad_error_locate().
 * `detail` holds a short copy of the offending text or a record id.
 */
typedef struct dyad_error {
    dyad_status code;
    const char *msg;
    const char *path;
    size_t pos;
    size_t line;
    size_t col;
    char detail[128];
} dyad_error;

/** Fill err->line and err->col from err->pos within buf[0..len). */
DYAD_EXPORT void dyad_error_locate(dyad_error *err, const char *buf, size_t len);

/** Format "path:line:col: message (detail)" into out (always NUL-terminated). */
DYAD_EXPORT size_t dyad_error_format(const dyad_error *err, char *out, size_t cap);

/** A receiver for non-fatal diagnostics (rejected records, dictionary warnings). */
typedef void (*dyad_diag_fn)(void *user, const dyad_error *err);

/* ======================================================================
 * 2. Dictionaries
 * ====================================================================== */

typedef struct dyad_dict dyad_dict;

/** Load options. Zero-initialise, then set what you need. */
typedef struct dyad_dict_opts {
    /** Continue past errors, reporting each to `diag`, and fail at the end.
     *  Used by `dyad dict check` to list every error in one run. */
    int keep_going;
    dyad_diag_fn diag;
    void *diag_user;
    /** Load past malformed entries: each is reported to `diag` (code
     *  DYAD_E_SYNTAX) and left out, the load succeeds, and the number left
     *  out is in dyad_dict_stats.rejected. The published PETRARCH2/Phoenix
     *  files carry a few such entries (docs/dictionaries.md). */
    int lenient;
} dyad_dict_opts;

/**
 * Load dictionaries from `path`, which may be:
 *   - a directory of PETRARCH2 (*.txt) or TABARI (.verbs/.actors/.agents) files,
 *   - a PETRARCH config (.ini) naming the files,
 *   - a TABARI project (.project),
 *   - a single dictionary file (its kind is taken from its name).
 * Returns NULL on error with `err` filled (file:line:column and reason).
 */
DYAD_EXPORT dyad_dict *dyad_dict_load(const char *path, const dyad_dict_opts *opts,
                                      dyad_error *err);

/** Load several paths into one dictionary set (later files add to earlier). */
DYAD_EXPORT dyad_dict *dyad_dict_load_many(const char *const *paths, size_t npaths,
                                           const dyad_dict_opts *opts, dyad_error *err);

/** The dictionaries embedded in the library: useful with no files at all. */
DYAD_EXPORT dyad_dict *dyad_dict_load_default(dyad_error *err);

DYAD_EXPORT void dyad_dict_free(dyad_dict *dict);

/** Counts reported by `dyad dict stats`. */
typedef struct dyad_dict_stats {
    size_t files;
    size_t synsets, synset_phrases;
    size_t verb_blocks, verbs, verb_forms, patterns, transformations;
    size_t actors, actor_phrases, actor_codes;
    size_t agents, agent_phrases;
    size_t discards, issues;
    size_t words;       /**< distinct words in the lexicon */
    size_t bytes;       /**< memory held by the dictionary */
    size_t rejected;    /**< malformed entries left out (lenient loads only) */
} dyad_dict_stats;

DYAD_EXPORT void dyad_dict_get_stats(const dyad_dict *dict, dyad_dict_stats *out);

/** A short description of where the dictionaries came from, for provenance. */
DYAD_EXPORT const char *dyad_dict_describe(const dyad_dict *dict);

/* ---- Dictionary gaps: where dictionary work would pay off (`dyad dict gaps`) ----
 *
 * Feed documents (from any dyad_reader) to a dyad_gaps and it counts, against
 * one dictionary set, the words used as verbs that no verb entry covers, and
 * the capitalised noun phrases that no actor or agent entry covers. Verbs are
 * told by the parse's tags when the input has a parse, else by a documented
 * heuristic (docs/default-dictionaries.md): a gap list is a to-do list, not
 * a grammar. */

typedef enum dyad_gap_kind {
    DYAD_GAP_VERB = 0,   /**< a word used as a verb, not a form of any dictionary verb */
    DYAD_GAP_NAME = 1    /**< a capitalised phrase (or its uncovered part) no actor/agent covers */
} dyad_gap_kind;

/** One gap. Strings are owned by the dyad_gaps and live until it is freed. */
typedef struct dyad_gap {
    const char *text;    /**< folded, words joined by blanks: "STORMED", "BESLAN SCHOOL" */
    size_t count;        /**< occurrences */
    const char *doc;     /**< id of the first document it occurred in */
    uint32_t sentence;   /**< 0-based sentence index there */
} dyad_gap;

/** Totals: candidate verbs and names seen, and how many the dictionary covers. */
typedef struct dyad_gaps_stats {
    size_t documents, sentences;
    size_t verbs, verbs_covered;
    size_t names, names_covered;
} dyad_gaps_stats;

typedef struct dyad_gaps dyad_gaps;
typedef struct dyad_doc dyad_doc; /* a document from a dyad_reader (section 4) */

/** A new, empty count against `dict` (which must outlive it). */
DYAD_EXPORT dyad_gaps *dyad_gaps_new(const dyad_dict *dict, dyad_error *err);
/** Count one document. Returns DYAD_OK, or DYAD_E_NOMEM / DYAD_E_LIMIT. */
DYAD_EXPORT int dyad_gaps_add(dyad_gaps *g, const dyad_doc *doc, dyad_error *err);
/** Distinct gaps of a kind, and the i-th: most frequent first, ties in byte
 *  order of the text, so the list is the same for the same input. */
DYAD_EXPORT size_t dyad_gaps_count(dyad_gaps *g, dyad_gap_kind kind);
DYAD_EXPORT const dyad_gap *dyad_gaps_at(dyad_gaps *g, dyad_gap_kind kind, size_t i);
DYAD_EXPORT void dyad_gaps_get_stats(const dyad_gaps *g, dyad_gaps_stats *out);
DYAD_EXPORT void dyad_gaps_free(dyad_gaps *g);

/* ======================================================================
 * 3. Codebook: CAMEO codes, Goldstein scales, quad schemes, PLOVER
 *
 * The codebook is data/codebook/cameo.tsv compiled into the library: 318
 * codes (the 20 roots, the codes of the CAMEO 1.1b3 manual, and 1213/1214),
 * each with a Goldstein value under every named scale and a quad class under
 * every named scheme. docs/codebook.md gives the sources, the defaults and
 * the codes on which the scales disagree. Everything here is static data:
 * no set-up, no teardown, safe from any thread.
 * ====================================================================== */

/** Quad classes (the numbers are those of GDELT, ICEWS and Phoenix files). */
typedef enum dyad_quad {
    DYAD_QUAD_NONE = 0,            /**< Phoenix's "neutral" (roots 01, 02); unknown codes */
    DYAD_QUAD_VERBAL_COOP = 1,
    DYAD_QUAD_MATERIAL_COOP = 2,
    DYAD_QUAD_VERBAL_CONFLICT = 3,
    DYAD_QUAD_MATERIAL_CONFLICT = 4
} dyad_quad;

/** Named Goldstein scales. The default is GDELT's (docs/codebook.md says why). */
typedef enum dyad_scale {
    DYAD_SCALE_DEFAULT = 0,
    DYAD_SCALE_GDELT = 1,
    DYAD_SCALE_PHOENIX = 2,
    DYAD_SCALE_ICEWS = 3
} dyad_scale;
#define DYAD_SCALE_COUNT 4

/**
 * Named quad-class schemes. ICEWS (the default): roots 01-05 verbal
 * cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20
 * material conflict. Phoenix: 01-02 neutral (0), 03-05 verbal cooperation,
 * 06-08 material cooperation, 09-13 and 16 verbal conflict, 14-15 and 17-20
 * material conflict.
 */
typedef enum dyad_quad_scheme {
    DYAD_QUADS_DEFAULT = 0,
    DYAD_QUADS_PHOENIX = 1,
    DYAD_QUADS_ICEWS = 2
} dyad_quad_scheme;
#define DYAD_QUADS_COUNT 3

/** One CAMEO code. All strings are static and never NULL. */
typedef struct dyad_code_info {
    const char *code;        /**< "0253" */
    const char *name;        /**< "Appeal for release of persons or property" */
    const char *root;        /**< "02" */
    const char *plover_type; /**< "ASSAULT", "REQUEST", ...; "" for roots 01, 02 (PLOVER dropped them) */
    const char *plover_mode; /**< "abduct", ...; "" when none */
    double goldstein[DYAD_SCALE_COUNT]; /**< indexed by dyad_scale (DEFAULT mirrors the default) */
    dyad_quad quad[DYAD_QUADS_COUNT];   /**< indexed by dyad_quad_scheme */
    int disputed;            /**< non-zero when the scales give this code different values */
    const char *plover_context; /**< "military", "crime,corruption"; "" when none */
    /** Bit (1u << scale) is set when that scale does not list this code, so
     *  goldstein[scale] is an ancestor's value: dyad_codebook_value_from(). */
    unsigned inherited;
    /** Non-zero for codes used by ICEWS, PLOVER and the dictionaries but not
     *  listed in the CAMEO 1.1b3 manual (1213, 1214). */
    int extension;
} dyad_code_info;

/**
 * Look up a code exactly as written: 2 to 4 ASCII digits ("0253", "025",
 * "02", "1823"). Returns NULL for unknown codes and for anything else,
 * including what dictionaries write for "no event" ("---", "###"), TABARI
 * and PETRARCH compound codes ("013:012": split them first) and codes with
 * spaces or brackets. A binary search over 318 integer keys, no allocation.
 */
DYAD_EXPORT const dyad_code_info *dyad_codebook_lookup(const char *code);
/** The same for a slice that need not be NUL-terminated. */
DYAD_EXPORT const dyad_code_info *dyad_codebook_lookup_n(const char *code, size_t len);
/** Number of codes, and the i-th code in code order (parents before children). */
DYAD_EXPORT size_t dyad_codebook_count(void);
DYAD_EXPORT const dyad_code_info *dyad_codebook_at(size_t i);
/** The parent code ("025" for "0253", "02" for "025"); NULL for a root or NULL. */
DYAD_EXPORT const dyad_code_info *dyad_codebook_parent(const dyad_code_info *ci);
/**
 * The code whose listed value ci->goldstein[s] is: ci itself when scale `s`
 * lists it, else the ancestor that scale's rule takes it from (Phoenix: the
 * root, as the Phoenix pipeline does; GDELT, ICEWS: the nearest listed one).
 */
DYAD_EXPORT const dyad_code_info *dyad_codebook_value_from(const dyad_code_info *ci, dyad_scale s);
/**
 * Name search: the index of the first code at or after `start` whose name
 * contains every word of `query` (ASCII case-insensitive; a query word
 * matches a name word it begins, and a final "s" on a query word is optional,
 * so "hostages" finds "take hostage"). Returns dyad_codebook_count() when
 * there is no further match, or when the query has no words.
 */
DYAD_EXPORT size_t dyad_codebook_find(const char *query, size_t start);
/** "gdelt", "phoenix", "icews"; DEFAULT gives the default's name; "" if out of range. */
DYAD_EXPORT const char *dyad_scale_name(dyad_scale s);
DYAD_EXPORT const char *dyad_quad_scheme_name(dyad_quad_scheme s);
/** "neutral", "verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict". */
DYAD_EXPORT const char *dyad_quad_name(dyad_quad q);
/** Parse "default", "gdelt", "phoenix" or "icews" (any case); 0 on success, -1 if unknown. */
DYAD_EXPORT int dyad_scale_parse(const char *name, dyad_scale *out);
/** Parse "default", "phoenix" or "icews" (any case); 0 on success, -1 if unknown. */
DYAD_EXPORT int dyad_quad_scheme_parse(const char *name, dyad_quad_scheme *out);

/* ======================================================================
 * 4. Input
 * ====================================================================== */

/** Input formats. */
typedef enum dyad_format {
    DYAD_FMT_AUTO = 0,    /**< by file extension, then by content */
    DYAD_FMT_TEXT,        /**< plain text: paragraphs split into sentences */
    DYAD_FMT_JSONL,       /**< {"id","date","text"[,"source","url"]} per line */
    DYAD_FMT_TABARI,      /**< TABARI records: "YYMMDD ID" line then text */
    DYAD_FMT_PETRARCH_XML,/**< PETRARCH <Sentence> records with Penn <Parse> */
    DYAD_FMT_CONLLU,      /**< CoNLL-U, standalone or inside PETRARCH XML */
    DYAD_FMT_CSV          /**< CSV with date and text columns (e.g. news samples) */
} dyad_format;

/** Parse a format name ("text", "jsonl", "tabari", "petrarch-xml", "conllu",
 *  "csv"); returns -1 when unknown. */
DYAD_EXPORT int dyad_format_from_name(const char *name);
DYAD_EXPORT const char *dyad_format_name(dyad_format f);

typedef struct dyad_reader dyad_reader;
typedef struct dyad_doc dyad_doc;

/**
 * Open a reader over a file (`path`, or stdin when path is NULL or "-").
 * The reader streams: memory is bounded by the largest record.
 * Bad records are reported to `diag` with file, line and record id, counted
 * as rejected, and skipped; reading never stops on bad news text.
 */
DYAD_EXPORT dyad_reader *dyad_reader_open(const char *path, dyad_format fmt,
                                          dyad_diag_fn diag, void *diag_user,
                                          dyad_error *err);
/** Open a reader over a caller-owned buffer (it must outlive the reader). */
DYAD_EXPORT dyad_reader *dyad_reader_open_mem(const char *buf, size_t len, const char *name,
                                              dyad_format fmt, dyad_diag_fn diag,
                                              void *diag_user, dyad_error *err);
/**
 * Next document, or NULL at end (or on an I/O error: check err->code).
 * The document is owned by the reader and valid until the next call.
 */
DYAD_EXPORT const dyad_doc *dyad_reader_next(dyad_reader *r, dyad_error *err);
DYAD_EXPORT void dyad_reader_free(dyad_reader *r);

/** Reader totals: read = accepted + rejected (documents or records). */
typedef struct dyad_read_stats {
    size_t records_read, records_rejected;
    size_t sentences;
    size_t bytes;
} dyad_read_stats;
DYAD_EXPORT void dyad_reader_get_stats(const dyad_reader *r, dyad_read_stats *out);

DYAD_EXPORT const char *dyad_doc_id(const dyad_doc *d);
DYAD_EXPORT const char *dyad_doc_date(const dyad_doc *d); /**< ISO "YYYY-MM-DD" or "" */
DYAD_EXPORT size_t dyad_doc_sentence_count(const dyad_doc *d);
DYAD_EXPORT const char *dyad_doc_sentence_text(const dyad_doc *d, size_t i, size_t *len);

/* ======================================================================
 * 5. Coding
 * ====================================================================== */

/** Coder options. Zero-initialise for the defaults. */
typedef struct dyad_code_opts {
    dyad_scale scale;
    dyad_quad_scheme quads;
    int ignore_parse;       /**< code from text even when a parse is supplied */
    int require_dyad;       /**< drop events without both source and target (default on: set -1 to turn off) */
    int keep_discarded;     /**< report discarded sentences as rejected with reason */
    /** Code "A will/would X" as an intent (03x) or threat (13x), as the
     *  PETRARCH2 paper describes. Off by default: the validation suites and
     *  most event data code the act itself. */
    int modal_intent;
    /** Date (YYYYMMDD) for documents that carry none, e.g. plain text:
     *  date-restricted actors ("Putin" is RUSGOV only while in office) are
     *  resolved on it and events carry it. 0: leave such documents undated. */
    uint32_t default_date;
    /** TABARI dictionaries: extra .options lines ("SET: CODE ALL", one per
     *  line) applied after the dictionary's own; NULL for none. */
    const char *tabari_options;
    /** Sentence discards that are only a date ("1999", "April 1942": the
     *  Phoenix list holds every year 1914-2013) discard the sentence, as in
     *  PETRARCH2. Off by default: such a sentence is coded, and the date it
     *  writes dates its events (docs/events.md, "Event dates"). */
    int strict_discards;
} dyad_code_opts;

typedef struct dyad_coder dyad_coder;

/** Text span [start, end) in bytes of the sentence text. */
typedef struct dyad_span {
    uint32_t start, end;
} dyad_span;

/**
 * One event. Strings are owned by the coder and valid until the next
 * dyad_coder_code() call on the same coder.
 */
typedef struct dyad_event {
    const char *doc;         /**< input document id */
    uint32_t sentence;       /**< 0-based sentence index within the document */
    const char *date;        /**< ISO date: the text's own for the event, else the document's; "" when unknown */
    const char *source;      /**< actor code, e.g. "RUSMIL" */
    const char *target;      /**< actor code, "" when none */
    const char *code;        /**< CAMEO code as the dictionary gives it */
    const char *root;        /**< CAMEO root, "18" */
    dyad_quad quad;
    double goldstein;        /**< NaN when the code is not in the codebook */
    const char *plover;      /**< PLOVER event type, "" when none */
    dyad_span source_span, target_span, verb_span;
    const char *source_text, *target_text, *verb_text;
    const char *pattern;     /**< "file:line" of the pattern that matched */
    const char *issues;      /**< "ISSUE n,ISSUE n" or "" */
    const char *flags;       /**< comma-separated: "passive","negated","said",... */
    const char *sentence_text;
    /** How much of `date` is known: "day", "month" or "year" ("" without a
     *  date). A date taken from the text ("In 2004, ...") may be a month or a
     *  year; `date` is then the period's first day. */
    const char *date_precision;
    /** The document's date, "" when none: `date` unless the text dated the
     *  event (docs/events.md, "Event dates"). */
    const char *doc_date;
} dyad_event;

/** Receives each event in deterministic order; return non-zero to stop. */
typedef int (*dyad_event_fn)(void *user, const dyad_event *ev);

DYAD_EXPORT dyad_coder *dyad_coder_new(const dyad_dict *dict, const dyad_code_opts *opts,
                                       dyad_error *err);
DYAD_EXPORT void dyad_coder_free(dyad_coder *c);

/** Code one document; events go to `fn` in sentence order. Returns the
 *  number of events, or -1 on a fatal error (never for bad text). */
DYAD_EXPORT long dyad_coder_code(dyad_coder *c, const dyad_doc *doc, dyad_event_fn fn,
                                 void *user, dyad_error *err);

/**
 * Stories. Inside one document the coder carries pronoun references from
 * each sentence to the next ("He" in sentence 2 is sentence 1's actor). A
 * story carries them on across documents, for input that gives one sentence
 * per record (TABARI records, a JSON line per sentence): code the records of
 * one news story, in order, with dyad_coder_code_story() and the same story.
 *
 * With TABARI dictionaries the FORWARD option decides, as TABARI does
 * (manual 8.4): a pronoun before any actor of a record is the previous
 * record's first actor when the record ids (by FORWARD's N...N story and
 * S...S sentence fields) name the same story and the next sentence number;
 * without FORWARD nothing is carried. With other dictionaries the previous
 * document's actors stay available to the pronouns of the next one (parsed
 * input only: raw text resolves a pronoun inside its own sentence).
 *
 * A story may be used with any coder, one at a time; it is not thread-safe.
 */
typedef struct dyad_story dyad_story;
DYAD_EXPORT dyad_story *dyad_story_new(void);
DYAD_EXPORT void dyad_story_free(dyad_story *s);
/** Forget what was carried: the next document starts a new story. */
DYAD_EXPORT void dyad_story_reset(dyad_story *s);
/** dyad_coder_code() for the next document of `story` (NULL: a story of its own). */
DYAD_EXPORT long dyad_coder_code_story(dyad_coder *c, dyad_story *story, const dyad_doc *doc,
                                       dyad_event_fn fn, void *user, dyad_error *err);

/** Coder totals. */
typedef struct dyad_code_stats {
    size_t documents, sentences, sentences_coded, sentences_discarded, events;
    /** TABARI dictionaries: sentences left uncoded as too complex (the
     *  COMPLEX conditions, or a +++ code), counted apart from the others */
    size_t sentences_complex;
} dyad_code_stats;
DYAD_EXPORT void dyad_coder_get_stats(const dyad_coder *c, dyad_code_stats *out);

/** Output formats for events. */
typedef enum dyad_output {
    DYAD_OUT_JSONL = 0,
    DYAD_OUT_TSV = 1
} dyad_output;

/**
 * Code every document from `r` with `nthreads` worker threads (1-256) and
 * write the events to `out` in `fmt`, in input order: the bytes are the same
 * for any thread count. Totals are summed into `stats` (may be NULL).
 * Returns DYAD_OK, or an error (I/O on `out`, out of memory, reader I/O).
 */
DYAD_EXPORT int dyad_code_stream(const dyad_dict *dict, const dyad_code_opts *opts, dyad_reader *r,
                                 int nthreads, dyad_output fmt, FILE *out, dyad_code_stats *stats,
                                 dyad_error *err);

/* ======================================================================
 * 6. Output
 * ====================================================================== */

/** Write one event as a JSON line (schema: docs/events.md). */
DYAD_EXPORT int dyad_event_write_jsonl(FILE *out, const dyad_event *ev);
/** Write one event as a Phoenix-order TSV line. */
DYAD_EXPORT int dyad_event_write_tsv(FILE *out, const dyad_event *ev);

/* ======================================================================
 * 7. Validation suites
 * ====================================================================== */

typedef struct dyad_validate_opts {
    int ignore_parse;       /**< PETRARCH XML: code from <Text>, not the parse */
    const char *dict_path;  /**< override the suite's dictionaries */
    /** Dictionaries are loaded leniently (the published suites carry a few
     *  malformed entries); each entry left out is reported here. */
    dyad_diag_fn diag;
    void *diag_user;
} dyad_validate_opts;

typedef struct dyad_validate_result {
    size_t passed, failed, skipped;
} dyad_validate_result;

/** Receives one line per failing record ("ID expected ... got ..."). */
typedef void (*dyad_line_fn)(void *user, const char *line);

/**
 * Run a suite: a PETRARCH XML unit-test file, or a TABARI .project whose
 * text file holds validation records. Compares each record's set of
 * (source, target, code) with the expected set.
 */
DYAD_EXPORT int dyad_validate_run(const char *path, const dyad_validate_opts *opts,
                                  dyad_line_fn fn, void *user, dyad_validate_result *out,
                                  dyad_error *err);

/* ======================================================================
 * 8. Store and analysis (SQLite default, PostgreSQL for servers)
 * ====================================================================== */

/*
 * The store keeps mentions (one per coded sentence: doc, sentence, spans,
 * pattern) and events (mentions merged: same date, source, target and code),
 * in SQLite (a file, WAL) or PostgreSQL (a postgresql:// URL). The schema
 * (documents, sentences, actors, codes, events, mentions, schema_version) is
 * the same on both and is described in docs/store.md. A store is used by one
 * thread at a time; threads that share one must take turns.
 */
typedef struct dyad_store dyad_store;

/** Open (creating and migrating) a store: a file path for SQLite, or a
 *  postgresql:// (or postgres://) URL. */
DYAD_EXPORT dyad_store *dyad_store_open(const char *path_or_url, dyad_error *err);
DYAD_EXPORT void dyad_store_close(dyad_store *s);
/** "sqlite" or "postgresql". */
DYAD_EXPORT const char *dyad_store_backend(const dyad_store *s);

/** Load totals: read = loaded + duplicate + rejected (mentions). `events`
 *  counts events created by this load (a mention of an event already stored
 *  adds a mention, not an event). */
typedef struct dyad_load_stats {
    size_t read, loaded, duplicate, rejected;
    size_t events;
} dyad_load_stats;

/** Load a JSON-lines event file (or stdin for "-") atomically and
 *  idempotently: one transaction, and a mention already stored (same doc,
 *  sentence, source, target, code and pattern) is counted as duplicate.
 *  Bad rows go to `diag` with their line numbers and are counted as rejected. */
DYAD_EXPORT int dyad_store_load_jsonl(dyad_store *s, const char *path, dyad_diag_fn diag,
                                      void *diag_user, dyad_load_stats *out, dyad_error *err);

/**
 * Store events as they are coded (`dyad code --db`): begin a load, add
 * events, then commit (or roll back). Nothing is visible to readers until
 * the commit; a crash before it leaves the store as it was. An invalid event
 * (bad date, empty source or code, span outside the sentence) is reported to
 * `diag` (set with begin) and counted as rejected; add returns DYAD_OK for it.
 * add returns an error only when the database fails.
 */
DYAD_EXPORT int dyad_store_begin(dyad_store *s, dyad_diag_fn diag, void *diag_user,
                                 dyad_error *err);
DYAD_EXPORT int dyad_store_add_event(dyad_store *s, const dyad_event *ev, dyad_error *err);
DYAD_EXPORT int dyad_store_commit(dyad_store *s, dyad_load_stats *out, dyad_error *err);
DYAD_EXPORT void dyad_store_rollback(dyad_store *s);
/**
 * Provenance of the load in progress, recorded in the store's `runs` table
 * (docs/store.md) in the load's transaction, with the mention counts the
 * store computes itself. Call between dyad_store_begin and the commit (again
 * to update); strings are copied; a NULL string leaves its column NULL, and
 * the record counts are NULL unless `has_records` is set.
 * dyad_store_load_jsonl fills command and input, and takes the rest from a
 * provenance line in the file when there is one (docs/events.md).
 */
typedef struct dyad_run_info {
    const char *command;         /**< "code" or "load" (the default) */
    const char *input;           /**< what was read: file names */
    const char *dictionaries;    /**< JSON array of {"path","kind","entries","version"|"checksum"} */
    const dyad_dict *dict;       /**< or: the dictionaries used, described by the store */
    int dict_embedded;           /**< dict is dyad_dict_load_default()'s (named with dyad's version) */
    const char *goldstein_scale; /**< e.g. "gdelt" */
    const char *quad_scheme;     /**< e.g. "icews" */
    int has_records;             /**< the four counts below are known */
    size_t records_read, records_coded, records_rejected, sentences;
} dyad_run_info;
DYAD_EXPORT int dyad_store_set_run(dyad_store *s, const dyad_run_info *info, dyad_error *err);
/** Write `info` (without command and input) as the provenance line that
 *  `dyad code --provenance` ends its JSON lines with:
 *  {"dyad_run":{"dyad_version":...,"dictionaries":[...],"goldstein_scale":...,
 *  "quad_scheme":...,"records_read":N,...}} (docs/events.md). A load reads it
 *  into its runs row rather than as an event. Returns DYAD_OK or DYAD_E_IO. */
DYAD_EXPORT int dyad_run_write_jsonl(FILE *out, const dyad_run_info *info);

/** A dyad_event_fn that adds each event to the store passed as `user`
 *  (for dyad_coder_code). Stops coding on a database error. */
DYAD_EXPORT int dyad_store_event_fn(void *user, const dyad_event *ev);

/** What a query computes. */
typedef enum dyad_query_kind {
    DYAD_Q_SERIES = 0,  /**< per period: events, Goldstein sum and mean, quad counts */
    DYAD_Q_PARTNERS,    /**< top partners of `actor` */
    DYAD_Q_SAYDO,       /**< per actor and period: verbal vs material, the say/do gap */
    DYAD_Q_EPISODES,    /**< crisis episodes opened by a 181 (hostage taking) */
    DYAD_Q_EVENTS,      /**< the events themselves, with their supporting mentions */
    DYAD_Q_RUNS         /**< the runs table: one row per load or `code --db` (filters ignored) */
} dyad_query_kind;

typedef enum dyad_period {
    DYAD_BY_NONE = 0, DYAD_BY_DAY, DYAD_BY_WEEK, DYAD_BY_MONTH, DYAD_BY_YEAR
} dyad_period;

/** What is counted: stored events (mentions merged; see `window`), every
 *  mention, or the Phoenix one-a-day filter (distinct date, source, target,
 *  code). */
typedef enum dyad_dedup {
    DYAD_DEDUP_EVENTS = 0, DYAD_DEDUP_MENTIONS, DYAD_DEDUP_ONE_A_DAY
} dyad_dedup;

/**
 * Query options. Zero-initialise, then set what you need. Actor patterns:
 * "RUS" or "RUS*" match every code that starts with RUS (RUS, RUSGOV,
 * RUSMIL); "=RUS" matches RUS only. `code` is a prefix too ("=" for exact).
 * Dates are ISO strings, inclusive. NULL or "" means no filter.
 */
typedef struct dyad_query {
    dyad_query_kind kind;
    dyad_period by;
    dyad_dedup dedup;
    const char *actor;      /**< source or target matches (SAYDO: source) */
    const char *dyad_a, *dyad_b; /**< a dyad: both set */
    int directed;           /**< dyad: only a -> b (default: either direction) */
    const char *code, *root, *plover;
    int quad;               /**< 1-4, 0 = any */
    const char *from, *to;
    int window;             /**< DEDUP_EVENTS: merge same-triple events less than
                                 `window` days apart (0 or 1: same day only) */
    int gap;                /**< EPISODES: days of quiet that end an episode (0: 7) */
    int limit;              /**< PARTNERS and EVENTS: rows (0: 10 and 100) */
    /** SERIES, SAYDO and PARTNERS read the monthly summary (event_months)
     *  when the filters allow it (docs/store.md); non-zero reads the events
     *  table instead. The answers are the same: this is for checking that. */
    int no_summary;
} dyad_query;

/** A query result: a small table of strings (SQL NULL is ""). */
typedef struct dyad_table dyad_table;

DYAD_EXPORT dyad_table *dyad_store_query(dyad_store *s, const dyad_query *q, dyad_error *err);
DYAD_EXPORT size_t dyad_table_rows(const dyad_table *t);
DYAD_EXPORT size_t dyad_table_cols(const dyad_table *t);
DYAD_EXPORT const char *dyad_table_name(const dyad_table *t, size_t col);
DYAD_EXPORT const char *dyad_table_cell(const dyad_table *t, size_t row, size_t col);
DYAD_EXPORT void dyad_table_free(dyad_table *t);

typedef enum dyad_table_format {
    DYAD_TABLE_TEXT = 0, DYAD_TABLE_CSV, DYAD_TABLE_JSON
} dyad_table_format;
/** Write a table: aligned text, CSV (RFC 4180, header row) or a JSON array
 *  of objects (numbers as numbers). */
DYAD_EXPORT int dyad_table_write(FILE *out, const dyad_table *t, dyad_table_format fmt);

/* ======================================================================
 * 9. Reports
 * ====================================================================== */

/**
 * Report options. Zero-initialise, then set what you need (docs/report.md).
 * `filter` chooses the events exactly as `dyad query` does: actor, dyad_a and
 * dyad_b (+ directed), from, to, code, root, quad, plover; `by` is the period
 * of the time charts (DAY, WEEK, MONTH or YEAR; NONE means MONTH). Its kind,
 * dedup, window and limit are ignored: a report counts stored events.
 */
typedef struct dyad_report_opts {
    dyad_query filter;
    const char *title;      /**< the page's headline (NULL: "Event report") */
    size_t max_rows;        /**< events embedded in the table, newest first (0: 1000) */
    size_t max_actors;      /**< actors in the network (0: 30) */
    size_t max_episodes;    /**< crisis episodes drawn (0: 6) */
} dyad_report_opts;

/**
 * Write one self-contained HTML report on the events in `s` to `out`: a
 * timeline by quad class with the mean Goldstein score, the say/do panel,
 * the actor network (click an actor to filter the page), the top event
 * types, hostage-crisis episodes, a searchable event table with each event's
 * sentences and spans, and the coding provenance. Every figure is aggregated
 * in the store; the table is capped at max_rows and says so. The page loads
 * nothing from the network, and the same store gives the same bytes.
 * Nothing is written unless every query succeeds.
 */
DYAD_EXPORT int dyad_report_write(dyad_store *s, const dyad_report_opts *o, FILE *out,
                                  dyad_error *err);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
