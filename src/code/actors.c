/* Actor mentions: dictionary actors and agents found in a sentence, and the
 * combinations people write ("Russian special forces", "officials of Iraq",
 * "Russia's president"). */
#include "code/code.h"

static cd_mention ac_mention(uint32_t t0, uint32_t t1, const char *code, const char *agent, uint32_t agent_ix,
                             uint8_t kind, uint32_t line, uint16_t file)
{
    cd_mention m;
    memset(&m, 0, sizeof m);
    m.t0 = t0;
    m.t1 = t1;
    m.code = code;
    m.agent = agent;
    m.agent_ix = agent_ix;
    m.kind = kind;
    m.line = line;
    m.file = file;
    return m;
}

/* A state's own actor: a country code alone or with a state sector
 * (government, military, police, ...), not an armed group or an IGO. */
int cd_state_actor(const char *code)
{
    static const char *const sector[] = {"GOV", "MIL", "COP", "ELI", "LEG", "JUD", "SPY"};
    if (!code || strlen(code) < 3 || !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) ||
        !strncmp(code, "IMG", 3) || !strncmp(code, "MNC", 3))
        return 0;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return 0;
    if (!code[3])
        return 1;
    for (size_t i = 0; i < sizeof sector / sizeof sector[0]; i++)
        if (!strncmp(code + 3, sector[i], 3))
            return 1;
    return 0;
}

/* Where anonymous people are: a state's own actor, or its civil places and
 * people ("the Beslan school" RUSEDU, "a Kabul hospital", "Russian
 * citizens"); never an armed group. */
static int ac_located(const char *code)
{
    static const char *const civil[] = {"EDU", "HLH", "CVL", "MED", "BUS"};
    if (cd_state_actor(code))
        return 1;
    if (!code || strlen(code) < 6 || !cd_state_actor((char[4]){code[0], code[1], code[2], 0}))
        return 0;
    for (size_t i = 0; i < sizeof civil / sizeof civil[0]; i++)
        if (!strncmp(code + 3, civil[i], 3))
            return 1;
    return 0;
}

static const char *ac_join(cd_ctx *c, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    /* "RUSGOV" + "GOV" stays RUSGOV: the agent is already in the code. */
    if (na >= nb && !strcmp(a + na - nb, b))
        return a;
    size_t n;
    if (!dy_add_ok(na, nb, &n))
        return NULL;
    char *s = dy_arena_alloc(c->arena, n + 1);
    if (!s)
        return NULL;
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    return s;
}

/* Combine an actor code with an agent, honouring prefix agents ("NGO~"). */
static const char *ac_combine(cd_ctx *c, const char *actor, const dy_agent *ag)
{
    if (!actor)
        return NULL;
    return ag->prefix ? ac_join(c, ag->code, actor) : ac_join(c, actor, ag->code);
}

/* Asked of nearly every token: the first byte turns most words away before a call. */
static inline int ac_word_is(const dy_tok *t, const char *w) { return t->up[0] == w[0] && !strcmp(t->up, w); }

static int ac_is_link(const dy_tok *t)
{
    return ac_word_is(t, "OF") || ac_word_is(t, "FROM") || ac_word_is(t, "IN") ||
           ac_word_is(t, "FOR");
}

/* Words that may stand between an actor and its agent inside one noun
 * phrase: "Dagolath's first Deputy Prime Minister", "Russia's top envoy".
 * Verbs, prepositions, conjunctions and punctuation end the phrase. */
static int ac_is_filler(const struct dyad_dict *d, const dy_tok *t)
{
    if (ac_word_is(t, "'S") || ac_word_is(t, "'"))
        return 1;
    if (t->tag[0])
        return !strcmp(t->tag, "JJ") || !strcmp(t->tag, "JJS") || !strcmp(t->tag, "DT") ||
               !strcmp(t->tag, "NNP") || !strcmp(t->tag, "CD") || !strcmp(t->tag, "POS") ||
               !strcmp(t->tag, "VBN") || !strcmp(t->tag, "NN");
    const uint32_t *forms;
    if (t->pos == DY_POS_PUNCT || !t->nup || (t->word && dy_dict_forms_for(d, t->word, &forms) > 0))
        return 0; /* untagged text: a dictionary verb ends the noun phrase */
    static const char *const stop[] = {"AND", "OR", "BUT", "OF", "IN", "ON", "AT", "TO", "FOR", "WITH",
                                       "FROM", "BY", "SAID", "SAYS", "WAS", "WERE", "IS", "ARE", "HAS", "HAD",
                                       "HAVE", "WILL", "WOULD", "THAT", "WHO", "WHICH"};
    for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
        if (ac_word_is(t, stop[i]))
            return 0;
    return 1;
}

/* Only a coordinator (and determiners) between two mentions. */
static int ac_coordinated(const dy_sentence *st, uint32_t t0, uint32_t t1)
{
    int coord = 0;
    for (uint32_t t = t0; t < t1; t++) {
        const dy_tok *k = &st->toks[t];
        if (ac_word_is(k, "AND") || ac_word_is(k, ",") || ac_word_is(k, "OR") || ac_word_is(k, "NOR"))
            coord = 1;
        else if (!ac_word_is(k, "THE"))
            return 0;
    }
    return coord;
}

/* A conjunction proper (not only a comma) between two mentions. */
static int ac_conjoined(const dy_sentence *st, uint32_t t0, uint32_t t1)
{
    for (uint32_t t = t0; t < t1; t++)
        if (ac_word_is(&st->toks[t], "AND") || ac_word_is(&st->toks[t], "OR") || ac_word_is(&st->toks[t], "NOR"))
            return 1;
    return 0;
}

static int ac_possessive(const dy_tok *t)
{
    return ac_word_is(t, "ITS") || ac_word_is(t, "THEIR") || ac_word_is(t, "HIS") || ac_word_is(t, "HER");
}

static int ac_pronoun(const dy_tok *t)
{
    static const char *const p[] = {"HE", "SHE", "IT", "THEY", "HIS", "HER", "ITS", "THEIR"};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        if (ac_word_is(t, p[i]))
            return 1;
    return 0;
}

/* The phrase holding token t in a parsed sentence, -1 without a tree: the
 * actor reaches a coordinated agent only inside one flat noun phrase ("The
 * Danish media and government"), not across two ("(The Danish media) and
 * (government)"). */
static int32_t ac_leaf_parent(const dy_sentence *st, uint32_t t)
{
    for (uint32_t n = 0; n < st->nnode; n++)
        if (st->nodes[n].label == DY_L_TOKEN && st->nodes[n].tok == (int32_t)t)
            return st->nodes[n].parent;
    return -1;
}

/* After a combined mention at s->m[*out - 1] (k the last mention it used),
 * take in the agents that follow it: an adjacent one adds to its code
 * ("Danish Islamist media": DNK + MUS + MED), one joined by a conjunction
 * takes the same actor ("Danish media and government": DNKMED, DNKGOV).
 * base is the code before the last agent. Returns the last mention used. */
static uint32_t ac_more_agents(cd_ctx *c, const dy_sentence *st, uint32_t k, uint32_t *out, const char *base)
{
    const struct dyad_dict *d = c->dict;
    cd_scratch *s = c->s;
    while (k + 1 < s->nm && s->m[k + 1].kind == CD_M_AGENT && base) {
        const cd_mention n = s->m[k + 1];
        cd_mention *prev = &s->m[*out - 1];
        const dy_agent *ag = &d->agents[n.agent_ix];
        int adjacent = n.t0 == prev->t1;
        if (adjacent) {
            base = prev->code;
            prev->code = ac_combine(c, prev->code, ag);
            prev->t1 = n.t1;
            prev->gram = n.gram; /* the last agent is the head */
        } else if (ac_coordinated(st, prev->t1, n.t0) && ac_conjoined(st, prev->t1, n.t0) &&
                   ac_leaf_parent(st, prev->t1 - 1) == ac_leaf_parent(st, n.t0)) {
            s->m[*out] = ac_mention(n.t0, n.t1, ac_combine(c, base, ag), ag->code, 0, CD_M_COMBINED, n.line, n.file);
            s->m[(*out)++].gram = n.gram;
        } else {
            break;
        }
        k++;
    }
    return k;
}

/* An actor entry with dated codes is an office holder: a person. A people
 * named by one plural word ("the Kurds", "Russians", "Iraqis") is plural;
 * a few names end like plurals. */
static uint8_t ac_actor_gram(const struct dyad_dict *d, const dy_actor *a, const dy_sentence *st, uint32_t t0,
                             uint32_t t1)
{
    static const char *const names[] = {"ATHENS", "ISIS", "NETHERLANDS", "PARIS", "TUNIS"};
    for (uint32_t i = 0; i < a->ncode; i++) {
        const dy_actor_code *k = &d->actor_codes[a->first_code + i];
        if (k->from != 0 || k->to != 99999999u)
            return CD_G_PERSON;
    }
    const dy_tok *h = &st->toks[t0];
    if (t1 != t0 + 1 || h->nup < 5 || h->up[h->nup - 1] != 'S' || !strchr("NDKI", h->up[h->nup - 2]))
        return 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ac_word_is(h, names[i]))
            return 0;
    return CD_G_PLURAL;
}

/* An agent phrase is plural by its head's ending ("officials", "forces") and
 * names a person unless its head is a body, a group or a thing. */
static uint8_t ac_agent_gram(const dy_sentence *st, uint32_t t1)
{
    static const char *const body[] = {
        "ADMINISTRATION", "AGENCY", "ARMY", "ARTILLERY", "ASSEMBLY", "AUTHORITY", "BANK", "BROADCASTER",
        "BUSINESS", "CABINET", "CARTEL", "CHARITY", "COMPANY", "CONGRESS", "CONSULATE", "CORPORATION",
        "COUNCIL", "COURT", "DRONE", "DUMA", "EMBASSY", "FAMILY", "FIRM", "FORCE", "GANG", "GENDARMERIE",
        "GOVERNMENT", "GOVT", "GROUP", "GUNSHIP", "HELICOPTER", "HOSPITAL", "INSURGENCY", "JET", "JUDICIARY",
        "JUNTA", "LEADERSHIP", "LEGISLATURE", "MEDIA", "MILITARY", "MILITIA", "MINISTRY", "NAVY", "NEWSPAPER",
        "NGO", "OFFICIALDOM", "OPPOSITION", "ORGANISATION", "ORGANIZATION", "PARLIAMENT", "PARTY", "POLICE",
        "POPULATION", "PRESIDENCY", "REGIME", "SCHOOL", "SENATE", "SERVICE", "TELEVISION", "TRIBUNAL", "TV",
        "UNIVERSITY", "WARPLANE", "WARSHIP"};
    const dy_tok *h = &st->toks[t1 - 1];
    if (h->nup > 3 && h->up[h->nup - 1] == 'S' && h->up[h->nup - 2] != 'S')
        return CD_G_PLURAL;
    size_t lo = 0, hi = sizeof body / sizeof body[0]; /* sorted */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(h->up, body[mid]);
        if (r == 0)
            return 0;
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return CD_G_PERSON;
}

/* Can pronoun p stand for mention m? "he" and "she" for one person, "it"
 * for one state, body or thing, "they" for a plural and for a body or group
 * (not for a state named alone: "Iraq ... they"). */
static int ac_agrees(const dy_tok *p, const cd_mention *m)
{
    if (ac_word_is(p, "HE") || ac_word_is(p, "HIS") || ac_word_is(p, "SHE") || ac_word_is(p, "HER"))
        return m->gram == CD_G_PERSON;
    if (ac_word_is(p, "IT") || ac_word_is(p, "ITS"))
        return m->gram == 0;
    return m->gram == CD_G_PLURAL || (m->gram == 0 && !(m->kind == CD_M_ACTOR && strlen(m->code) == 3));
}

/* Pronouns of one form refer to one referent within a sentence: "he",
 * "his" and "him" (1); "she" and "her" (2); "it" and "its" (3); "they",
 * "their" and "them" (4). */
static int ac_pronoun_group(const dy_tok *t)
{
    if (ac_word_is(t, "HE") || ac_word_is(t, "HIS") || ac_word_is(t, "HIM"))
        return 1;
    if (ac_word_is(t, "SHE") || ac_word_is(t, "HER"))
        return 2;
    if (ac_word_is(t, "IT") || ac_word_is(t, "ITS"))
        return 3;
    return 4;
}

/* Raw text: a collective agent or a charge used as a modifier of a noun
 * names no one: "military action", "government buildings", "terrorist
 * offences", "criminal charges" ("rebel territory" still names the rebels
 * whose territory it is). After a charge, any lower-case word that is not a
 * function word, a past form or another agent ("terrorist group") is such
 * a noun; a collective acts too often for that ("the government held",
 * "the military almost"), so only the nouns it commonly modifies count. */
static int ac_modifier_agent(const struct dyad_dict *d, const dy_sentence *st, uint32_t i)
{
    static const char *const single[] = {"CRIMINAL", "TERRORIST"};
    static const char *const group[] = {"GOVERNMENT", "MILITARY", "OPPOSITION", "POLICE"};
    static const char *const thing[] = {
        "ACTION", "AID", "ASSISTANCE", "BASE", "BASES", "BUDGET", "BUILDING", "BUILDINGS", "CAMPAIGN",
        "CAPABILITIES", "CAPABILITY", "CLASH", "CLASHES", "CONFRONTATION", "CONTROL", "CUSTODY", "EQUIPMENT", "HARDWARE", "INTERVENTION",
        "INVOLVEMENT", "OFFENSIVE", "OFFICES", "OPERATION", "OPERATIONS", "POLICY", "PRESENCE", "RESPONSE",
        "SOURCES", "SPENDING", "STATION", "SUPPORT", "TARGETS"};
    static const char *const function[] = {
        "A", "ABOUT", "AFTER", "AGAINST", "ALSO", "AN", "AND", "ARE", "AS", "AT", "BE", "BEEN", "BEFORE", "BUT",
        "BY", "CAN", "COULD", "DID", "DO", "DOES", "DURING", "FOR", "FROM", "HAD", "HAS", "HAVE", "IF", "IN",
        "INTO", "IS", "IT", "ITS", "MAY", "MIGHT", "MUST", "NEAR", "NOR", "NOT", "NOW", "OF", "ON", "OR", "OVER",
        "SAID", "SAY", "SAYS", "SHOULD", "SINCE", "STILL", "THAN", "THAT", "THE", "THEIR", "THEN", "THERE",
        "THIS", "TO", "UNDER", "UNTIL", "WAS", "WERE", "WHEN", "WHERE", "WHICH", "WHILE", "WHO", "WILL", "WITH",
        "WITHIN", "WOULD"};
    if (i + 1 >= st->ntok)
        return 0;
    const dy_tok *t = &st->toks[i], *n = &st->toks[i + 1];
    for (size_t k = 0; k < sizeof group / sizeof group[0]; k++)
        if (ac_word_is(t, group[k])) {
            for (size_t q = 0; q < sizeof thing / sizeof thing[0]; q++)
                if (ac_word_is(n, thing[q]))
                    return 1;
            return 0;
        }
    if (!ac_word_is(t, single[0]) && !ac_word_is(t, single[1]))
        return 0;
    unsigned char c0 = (unsigned char)st->text[n->start];
    if (c0 < 'a' || c0 > 'z' || n->nup < 3 || (n->up[n->nup - 2] == 'E' && n->up[n->nup - 1] == 'D'))
        return 0;
    for (size_t k = 0; k < sizeof function / sizeof function[0]; k++)
        if (ac_word_is(n, function[k]))
            return 0;
    dy_match mg;
    return !(d->agent_phrases.n && dy_phrases_match(&d->agent_phrases, &d->lex, st->toks, st->ntok, i + 1, &mg));
}

/* Raw text: a one-word actor ("British", "European") before a noun of
 * identity or culture names no one: "a British passport", "European
 * values". ("French radio" is the dictionary's media agent.) */
static int ac_modifier_actor(const dy_sentence *st, uint32_t i)
{
    static const char *const thing[] = {
        "CITIZENSHIP", "CULTURE", "IDENTITY", "LANGUAGE", "NATIONALITY", "PASSPORT", "PASSPORTS", "VALUES"};
    if (i + 1 >= st->ntok)
        return 0;
    const dy_tok *n = &st->toks[i + 1];
    for (size_t q = 0; q < sizeof thing / sizeof thing[0]; q++)
        if (ac_word_is(n, thing[q]))
            return 1;
    return 0;
}

static bool ac_push(cd_scratch *s, cd_mention m)
{
    return DY_VEC_PUSH(s->m, s->nm, s->capm, m);
}

int cd_find_mentions(cd_ctx *c, const dy_sentence *st)
{
    const struct dyad_dict *d = c->dict;
    cd_scratch *s = c->s;
    s->nm = 0;
    if (!dy_grow((void **)&s->tok_mention, &s->captm, st->ntok + 1, sizeof(int32_t)))
        return -1;
    for (uint32_t i = 0; i < st->ntok; i++)
        s->tok_mention[i] = -1;

    /* 1. Longest dictionary match at each position; actors win ties. */
    for (uint32_t i = 0; i < st->ntok;) {
        dy_match ma, mg;
        int ha = d->actor_phrases.n && dy_phrases_match(&d->actor_phrases, &d->lex, st->toks, st->ntok, i, &ma);
        int hg = d->agent_phrases.n && dy_phrases_match(&d->agent_phrases, &d->lex, st->toks, st->ntok, i, &mg);
        /* "help us": the pronoun, written in lower case, is not the US */
        if (ha && ma.t1 == i + 1 && ac_word_is(&st->toks[i], "US") && st->text[st->toks[i].start] == 'u')
            ha = 0;
        if (ha && ma.t1 == i + 1 && st->source == DY_TREE_NONE && ac_modifier_actor(st, i)) {
            i++;
        } else if (ha && (!hg || ma.t1 >= mg.t1)) {
            const dy_actor *a = &d->actors[ma.value];
            cd_mention m = ac_mention(ma.t0, ma.t1, dy_actor_code_on(d, a, c->date), NULL, 0, CD_M_ACTOR, a->line, a->file);
            m.gram = ac_actor_gram(d, a, st, ma.t0, ma.t1);
            if (!ac_push(s, m))
                return -1;
            i = ma.t1;
        } else if (hg && mg.t1 == i + 1 && st->source == DY_TREE_NONE && ac_modifier_agent(d, st, i)) {
            i++;
        } else if (hg) {
            const dy_agent *g = &d->agents[mg.value];
            cd_mention m = ac_mention(mg.t0, mg.t1, NULL, g->code, mg.value, CD_M_AGENT, g->line, g->file);
            m.gram = ac_agent_gram(st, mg.t1);
            if (!ac_push(s, m))
                return -1;
            i = mg.t1;
        } else if (ac_pronoun(&st->toks[i]) && st->toks[i].pos != DY_POS_DET) {
            cd_mention m = ac_mention(i, i + 1, NULL, NULL, 0, CD_M_PRONOUN, 0, 0);
            if (!ac_push(s, m))
                return -1;
            i++;
        } else {
            i++;
        }
    }

    /* 2. Combine actor+agent ("Russian troops"), agent+actor ("MSF Arnor")
     * and agent+of+actor ("lawmakers in Fornost and Gondor"); an agent shared
     * by coordinated actors goes to each ("Fornost and Gondor legislators"). */
    uint32_t out = 0;
    for (uint32_t k = 0; k < s->nm; k++) {
        cd_mention m = s->m[k];
        if (k + 1 < s->nm) {
            cd_mention *n = &s->m[k + 1];
            uint32_t gap0 = m.t1, gap1 = n->t0;
            /* at most three words between, four with coordinated adjectives */
            int fill = gap1 - gap0 <= 3 || (gap1 - gap0 == 4 && ac_word_is(&st->toks[gap0 + 2], "AND"));
            for (uint32_t t = gap0; fill && t < gap1; t++)
                fill = ac_is_filler(d, &st->toks[t]) ||
                       /* "Ithilen's awful and evil minister" */
                       (ac_word_is(&st->toks[t], "AND") && t > gap0 && t + 1 < gap1 &&
                        !strcmp(st->toks[t - 1].tag, "JJ") && !strcmp(st->toks[t + 1].tag, "JJ"));
            int link = gap1 - gap0 >= 1 && gap1 - gap0 <= 2 && ac_is_link(&st->toks[gap0]);
            for (uint32_t t = gap0 + 1; link && t < gap1; t++)
                link = ac_word_is(&st->toks[t], "THE") || ac_word_is(&st->toks[t], "A") ||
                       ac_word_is(&st->toks[t], "AN");
            const dy_agent *ag = NULL;
            const char *actor = NULL;
            if (m.kind == CD_M_ACTOR && n->kind == CD_M_AGENT && fill && m.code) {
                ag = &d->agents[n->agent_ix];
                actor = m.code;
                /* earlier coordinated actors share the agent */
                for (uint32_t j = out; j-- > 0;) {
                    cd_mention *p = &s->m[j];
                    uint32_t next0 = j + 1 < out ? s->m[j + 1].t0 : m.t0;
                    /* the last link must be a conjunction: "Dagolath, the Osgiliath
                     * newspaper" is an apposition, not "Dagolath and Osgiliath newspapers" */
                    if (p->kind != CD_M_ACTOR || !p->code || !ac_coordinated(st, p->t1, next0) ||
                        (j + 1 == out && !ac_conjoined(st, p->t1, next0)))
                        break;
                    p->code = ac_combine(c, p->code, ag);
                    p->kind = CD_M_COMBINED;
                    p->gram = n->gram;
                }
            } else if (m.kind == CD_M_AGENT && n->kind == CD_M_ACTOR && (link || gap1 == gap0) && n->code) {
                ag = &d->agents[m.agent_ix];
                cd_mention first = ac_mention(m.t0, n->t1, ac_combine(c, n->code, ag), ag->code, 0, CD_M_COMBINED,
                                    n->line, n->file);
                first.gram = m.gram;
                s->m[out++] = first; /* out <= k: nothing unread is overwritten */
                k++;
                if (!link) /* "MSF Arnor diplomat" */
                    k = ac_more_agents(c, st, k, &out, first.code);
                /* later coordinated actors share the agent too */
                while (link && k + 1 < s->nm && s->m[k + 1].kind == CD_M_ACTOR && s->m[k + 1].code &&
                       ac_coordinated(st, s->m[k].t1, s->m[k + 1].t0)) {
                    const cd_mention *x = &s->m[k + 1];
                    cd_mention cm = ac_mention(x->t0, x->t1, ac_combine(c, x->code, ag), ag->code, 0, CD_M_COMBINED,
                                     x->line, x->file);
                    cm.gram = m.gram;
                    s->m[out++] = cm;
                    k++;
                }
                continue;
            }
            if (ag) {
                cd_mention cm = ac_mention(m.t0, n->t1, ac_combine(c, actor, ag), ag->code, 0, CD_M_COMBINED,
                                 m.kind == CD_M_ACTOR ? m.line : n->line,
                                 m.kind == CD_M_ACTOR ? m.file : n->file);
                cm.gram = n->gram;
                s->m[out++] = cm;
                k = ac_more_agents(c, st, k + 1, &out, actor);
                continue;
            }
        }
        s->m[out++] = m;
    }
    s->nm = out;

    /* Raw text: "Lebanon's Hezbollah", "Syria's Kurds", "Russia's Wagner
     * group": an actor owned by another actor is the head of the phrase; the
     * owner only says where it belongs. */
    if (st->source == DY_TREE_NONE) {
        out = 0;
        for (uint32_t k = 0; k < s->nm; k++) {
            const cd_mention *m = &s->m[k], *n = k + 1 < s->nm ? &s->m[k + 1] : NULL;
            if (n && m->kind == CD_M_ACTOR && n->kind == CD_M_ACTOR && m->code && n->code && n->t0 == m->t1 + 1 &&
                (ac_word_is(&st->toks[m->t1], "'S") || ac_word_is(&st->toks[m->t1], "'")))
                continue;
            s->m[out++] = *m;
        }
        s->nm = out;
    }

    const int raw = st->source == DY_TREE_NONE;
    for (uint32_t k = 0; k < s->nm; k++) {
        cd_mention *m = &s->m[k];
        if (m->kind == CD_M_AGENT && !m->code) {
            /* An agent with no country of its own is the field's anonymous
             * agent ("---GOV"); it counts as a dyad member only when dyads are
             * not required. */
            const dy_agent *ag = &d->agents[m->agent_ix];
            /* "the hostages", "the government" in a story about Russia: the
             * country the previous sentences were about (never this sentence's
             * own actors, which stay anonymous as PETRARCH codes them) */
            const char *who = c->doc->last_country && !raw ? c->doc->last_country : "---";
            int here = 0;
            /* Raw text, people without a state role (civilians, hostages,
             * refugees): the nearest state actor before them in their own
             * sentence ("Russian forces stormed the theatre where rebels held
             * 850 hostages": Russian hostages). Officials ("---GOV") stay as
             * PETRARCH codes them. Raw text never takes the previous
             * sentences' country: on the Guardian dev half that guess was
             * nearly always wrong. */
            int people = !strcmp(ag->code, "CVL") || !strcmp(ag->code, "REF") || !strcmp(ag->code, "PPL");
            for (uint32_t j = k; people && raw && !here && j-- > 0;)
                if ((s->m[j].kind == CD_M_ACTOR || s->m[j].kind == CD_M_COMBINED) && ac_located(s->m[j].code)) {
                    who = dy_arena_strndup(c->arena, s->m[j].code, 3);
                    here = 1;
                }
            if (!who)
                return -1;
            m->code = ag->prefix ? ac_join(c, ag->code, who) : ac_join(c, who, ag->code);
            m->coref = !here && !raw && c->doc->last_country != NULL;
        } else if (m->kind == CD_M_PRONOUN) {
            /* "Obama said he would ...": a personal pronoun is an actor
             * earlier in the sentence, else (parsed input) the story's last
             * actor. In raw text a pronoun with no referent in its sentence
             * stays unresolved, and a possessive stands for no one unless an
             * agent follows it ("its citizen", below): "Russia will protect
             * its people" is no event on Russia. */
            const dy_tok *pt = &st->toks[m->t0];
            const char *near = NULL;
            if (raw) {
                /* raw text: the referent of an earlier pronoun of the same
                 * form ("He ... Putin, when he agreed": not Putin), else the
                 * nearest earlier actor the pronoun agrees with ("it" is no
                 * person, "he" no state) */
                int chained = 0;
                for (uint32_t j = k; j-- > 0 && !chained;)
                    if (s->m[j].kind == CD_M_PRONOUN &&
                        ac_pronoun_group(&st->toks[s->m[j].t0]) == ac_pronoun_group(pt)) {
                        near = s->m[j].ref;
                        chained = 1;
                    }
                for (uint32_t j = k; j-- > 0 && !chained && !near;)
                    if (s->m[j].kind != CD_M_PRONOUN && s->m[j].code && !cd_null_actor(s->m[j].code) &&
                        ac_agrees(pt, &s->m[j]))
                        near = s->m[j].code;
                m->ref = near;
                if (ac_possessive(pt))
                    near = NULL;
            } else {
                for (uint32_t j = k; j-- > 0 && !near && !ac_possessive(pt);)
                    if (s->m[j].kind != CD_M_PRONOUN && s->m[j].code && !cd_null_actor(s->m[j].code))
                        near = s->m[j].code;
            }
            m->code = near ? near : raw ? NULL : c->doc->last_actor;
            m->coref = near == NULL && !raw;
            /* "its citizen": the agent belongs to the possessor, the nearest
             * actor before it in the sentence (in raw text, one the
             * possessive agrees with); the pronoun is no actor itself */
            if (ac_possessive(pt) && k + 1 < s->nm && s->m[k + 1].kind == CD_M_AGENT &&
                s->m[k + 1].t0 <= m->t1 + 1) {
                const char *owner = NULL;
                for (uint32_t j = k; j-- > 0 && !owner;)
                    if (s->m[j].kind == CD_M_ACTOR && s->m[j].code && (!raw || ac_agrees(pt, &s->m[j])))
                        owner = s->m[j].code;
                if (owner) {
                    cd_mention *n = &s->m[k + 1];
                    n->code = ac_combine(c, owner, &d->agents[n->agent_ix]);
                    n->kind = CD_M_COMBINED;
                    m->code = NULL;
                    m->coref = 0;
                }
            }
        }
        for (uint32_t t = m->t0; t < m->t1; t++)
            s->tok_mention[t] = (int32_t)k;
    }
    return 0;
}
