/* report.h — the report module's model: the aggregates a report shows.
 *
 * The store computes these (report/query.c: GROUP BY in SQL), the renderer
 * (report/html.c, report/svg.c) turns them into one self-contained HTML page.
 * The page never sees raw events except the capped sample in the table, so
 * every chart is exact whatever the size of the store.
 *
 * All strings live in the report's arena. Arrays are ordered as the page
 * shows them (the query orders them with explicit ORDER BY tie-breaks), so
 * the output is a pure function of the store's content and the options.
 */
#ifndef DY_REPORT_H
#define DY_REPORT_H

#include <stdint.h>

#include "dyad.h"
#include "util/util.h"

#define DY_RP_NQUAD 5 /* index 0 = unknown quad, 1..4 = dyad_quad */

/* Counts per quad class and a Goldstein sum over the events that have one. */
typedef struct dy_rp_tally {
    uint64_t n[DY_RP_NQUAD];
    double gsum;
    uint64_t gn;
} dy_rp_tally;

/* Events in a tally, whatever their quad. */
static inline uint64_t dy_rp_tally_total(const dy_rp_tally *t)
{
    uint64_t s = 0;
    for (int q = 0; q < DY_RP_NQUAD; q++)
        s += t->n[q];
    return s;
}

typedef struct dy_rp_period {
    const char *label;  /* "2004-09" (month), "2004-09-03" (day), "2004" (year) */
    dy_rp_tally t;
} dy_rp_period;

/* A network node: one actor code. */
typedef struct dy_rp_actor {
    const char *code;
    uint64_t as_source, as_target;
    uint64_t involved, dated;  /* events with it as source or target (self-loops once); dated ones */
    double x, y;        /* layout, filled by the renderer */
} dy_rp_actor;

/* Directed edge between two nodes (indices into actors). */
typedef struct dy_rp_edge {
    uint32_t src, tgt;
    dy_rp_tally t;
} dy_rp_edge;

/* One cell of the node cube: events involving node `node` in period `period`
 * (as source or target), per quad. Lets the page re-draw the time charts for
 * a clicked node without any raw events. */
typedef struct dy_rp_cell {
    uint32_t node, period;
    dy_rp_tally t;
} dy_rp_cell;

/* Event type counts: global (node == UINT32_MAX) or for one node. */
typedef struct dy_rp_code {
    uint32_t node;
    const char *code, *name;   /* name "" when the store has none */
    int quad;
    uint64_t n;
} dy_rp_code;

/* One mention: a sentence that reported an event, with its spans. */
typedef struct dy_rp_mention {
    const char *doc;
    uint32_t sentence;
    const char *text;
    dyad_span source_span, target_span, verb_span;
} dy_rp_mention;

/* One row of the (capped) event table. */
typedef struct dy_rp_row {
    int64_t id;
    const char *date, *source, *target, *code, *verb_text;
    int quad;
    double goldstein;   /* NaN when unknown */
    size_t mention0, nmention; /* slice of dy_report.mentions */
    uint64_t mentions_total;   /* may exceed nmention when capped */
} dy_rp_row;

/* Stages of a hostage crisis, in the order the sequence chart draws them. */
enum { DY_EP_TAKE, DY_EP_APPEAL, DY_EP_NEGOTIATE, DY_EP_RELEASE, DY_EP_FORCE, DY_EP_NSTAGE };

typedef struct dy_rp_step {
    int32_t day;        /* days since the episode's first event */
    int stage;
    const char *date, *source, *target, *code;
} dy_rp_step;

typedef struct dy_rp_episode {
    const char *taker, *held;   /* source and target of the opening 181 */
    const char *start, *end;    /* ISO dates */
    size_t step0, nstep;        /* slice of dy_report.steps */
    unsigned stages;            /* bit per stage present */
    size_t events;              /* events in the episode (nstep may be capped) */
} dy_rp_episode;

typedef struct dy_rp_kv {
    const char *key, *value;
} dy_rp_kv;

/* Provenance: one row of the store's `runs` table (a `dyad code --db` or
 * `dyad load`), and the dictionaries it used. Counts are -1 when the store
 * recorded NULL (unknown). */
enum {
    DY_RUN_RECORDS_READ, DY_RUN_RECORDS_CODED, DY_RUN_RECORDS_REJECTED, DY_RUN_SENTENCES,
    DY_RUN_MENTIONS_READ, DY_RUN_MENTIONS_LOADED, DY_RUN_MENTIONS_DUPLICATE,
    DY_RUN_MENTIONS_REJECTED, DY_RUN_NCOUNT
};
extern const char *const dy_rp_run_count_col[DY_RUN_NCOUNT];

typedef struct dy_rp_dict {
    const char *path, *kind, *version; /* version: the recorded version or checksum, or "" */
    int64_t entries;                   /* -1 when not recorded */
} dy_rp_dict;

typedef struct dy_rp_run {
    const char *id, *started, *version, *command, *input, *scale, *scheme;
    const char *dicts_raw;   /* the recorded JSON when it is not the documented shape */
    int64_t n[DY_RUN_NCOUNT];
    size_t dict0, ndict;     /* slice of dy_report.dicts */
} dy_rp_run;

enum { DY_RUNS_NONE, DY_RUNS_EMPTY, DY_RUNS_SOME };

/* The whole report. Zero-initialise, then dy_report_init(). */
typedef struct dy_report {
    dy_arena arena;
    const char *title;
    const char *scope;          /* "all actors", "actor RUS", "dyad RUS-PSE" */
    const char *from, *to;      /* the dates actually covered ("" when none) */
    dyad_period by;             /* DAY, WEEK, MONTH or YEAR */
    dy_rp_tally total;
    uint64_t events;            /* events in scope (= sum of total.n) */
    uint64_t actors_total;      /* distinct actors in scope (network may show fewer) */
    uint64_t edges_total;       /* distinct directed dyads in scope */
    uint64_t undated;           /* events in scope without a date (not in the time charts) */
    uint64_t mentions_total;    /* mentions of the events in scope */

    dy_rp_period *periods; size_t nperiods, cap_periods;
    dy_rp_actor *actors; size_t nactors, cap_actors;
    dy_rp_edge *edges; size_t nedges, cap_edges;
    dy_rp_cell *cells; size_t ncells, cap_cells;
    dy_rp_code *codes; size_t ncodes, cap_codes;
    dy_rp_row *rows; size_t nrows, cap_rows;
    dy_rp_mention *mentions; size_t nmentions, cap_mentions;
    dy_rp_episode *episodes; size_t nepisodes, cap_episodes;
    dy_rp_step *steps; size_t nsteps, cap_steps;
    uint64_t takings;           /* hostage takings (181x) in scope: no episodes without one */
    dy_rp_kv *prov; size_t nprov, cap_prov;      /* store counts, in display order */
    int runs_state;             /* DY_RUNS_NONE (no table), DY_RUNS_EMPTY, DY_RUNS_SOME */
    uint64_t runs_total;        /* runs recorded (the page shows the newest few) */
    dy_rp_run *runs; size_t nruns, cap_runs;     /* oldest first */
    dy_rp_dict *dicts; size_t ndicts, cap_dicts;
    dy_rp_kv *notes; size_t nnotes, cap_notes;   /* caveats shown on the page */
} dy_report;

void dy_report_init(dy_report *r);
void dy_report_free(dy_report *r);
/* Copy a string into the report's arena ("" for NULL); NULL only on OOM. */
const char *dy_rp_str(dy_report *r, const char *s);
bool dy_rp_add_kv(dy_report *r, dy_rp_kv **v, size_t *n, size_t *cap, const char *k,
                  const char *val);

/* The page assets, embedded by cmake/gen-report.cmake. */
extern const unsigned char dy_report_css[];
extern const size_t dy_report_css_len;
extern const unsigned char dy_report_js[];
extern const size_t dy_report_js_len;

/* ---- rendering (html.c, svg.c) ---- */

/* Append s[0..n) escaped for HTML text and attribute values. Control bytes
 * other than tab/newline become U+FFFD; bytes are otherwise kept. */
bool dy_html_esc(dy_buf *b, const char *s, size_t n);
static inline bool dy_html_escs(dy_buf *b, const char *s) { return dy_html_esc(b, s, s ? strlen(s) : 0); }
/* Append s as a JSON string literal safe inside a <script> element:
 * '<', '>', '&', U+2028 and U+2029 are written as \u escapes. */
bool dy_json_str(dy_buf *b, const char *s);
/* Append a sentence with its source/target/verb spans in <mark> elements.
 * Spans are clipped to the text and moved to UTF-8 character boundaries. */
bool dy_html_spans(dy_buf *b, const char *text, dyad_span src, dyad_span tgt, dyad_span verb);

/* SVG charts. Each appends one <svg> element. */
bool dy_svg_timeline(dy_buf *b, const dy_report *r);
bool dy_svg_saydo(dy_buf *b, const dy_report *r, int conflict);
bool dy_svg_network(dy_buf *b, dy_report *r);
bool dy_svg_codes(dy_buf *b, const dy_report *r);
bool dy_svg_episode(dy_buf *b, const dy_report *r, const dy_rp_episode *ep);
/* A period label or ISO date for people: "2017-08" -> "Aug 2017", "2017-08-06"
 * -> "6 Aug 2017" (escaped; anything else as it is). year_only: "2017". */
bool dy_rp_date_human(dy_buf *b, const char *label, bool year_only);
/* The "nice" number >= v: 1, 2, 2.5 or 5 times a power of ten. */
double dy_svg_nice(double v);
/* Colour for a mean Goldstein score, from conflict (-10) to cooperation (+10). */
void dy_svg_gcolor(double g, char out[8]);
extern const char *const dy_rp_quad_color[DY_RP_NQUAD];
extern const char *const dy_rp_quad_label[DY_RP_NQUAD];
extern const char *const dy_rp_stage_label[DY_EP_NSTAGE];

/* The stage of a CAMEO code in a hostage crisis, or -1. */
int dy_rp_stage(const char *code);

/* Read the store's provenance (prov.c): its counts and its `runs` table
 * when it has one (an older store has none: the page says so). */
int dy_rp_provenance(dyad_store *s, dy_report *r, dyad_error *err);

/* Write the page. */
int dy_report_render(dy_report *r, FILE *out, dyad_error *err);

#endif
