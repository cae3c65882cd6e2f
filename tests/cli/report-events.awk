# Synthetic coded events (the JSON lines `dyad code` writes) for the report's
# tests and benchmark: awk -v n=1000 [-v days=1500] [-v crisis=400] -f report-events.awk
# n background events between random actors, plus a scripted hostage crisis
# (taking, appeals, negotiation, release or force) after every `crisis` of them.
# A fixed Park-Miller generator, so every awk writes the same bytes. The
# sentences are made up here from actor names and verb phrases; spans are the
# byte ranges of the three parts in sentence_text.
function rnd(k) { seed = (seed * 16807) % 2147483647; return int(seed / 64) % k }
# civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
function ymd(z,   era, doe, yoe, y, doy, mp, d, m) {
    z += 719468; era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9
    return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
function emit(s, t, code, day,   k, st, tt, verb, text, a, b, c0, c1) {
    k = K[code]; st = N[s]; tt = N[t]; verb = C[6 * k + 6]
    text = st " " verb " " tt " in report " nout "."
    a = length(st); b = a + 1 + length(verb); c0 = b + 1; c1 = c0 + length(tt)
    printf "{\"doc\":\"syn-%d\",\"sentence\":0,\"date\":\"%s\",\"source\":\"%s\",\"target\":\"%s\",", nout, ymd(day), A[s], A[t]
    printf "\"code\":\"%s\",\"root\":\"%s\",\"quad\":%d,\"goldstein\":%s,\"plover\":\"%s\",", code, C[6 * k + 2], C[6 * k + 3], C[6 * k + 4], C[6 * k + 5]
    printf "\"source_text\":\"%s\",\"target_text\":\"%s\",\"verb_text\":\"%s\",\"pattern\":\"synthetic.verbs.txt:%d\",", st, tt, verb, 10 + k
    printf "\"issues\":\"\",\"flags\":\"\",\"sentence_text\":\"%s\",", text
    printf "\"source_span\":[0,%d],\"target_span\":[%d,%d],\"verb_span\":[%d,%d]}\n", a, c0, c1, a + 1, b
    nout++
}
BEGIN {
    seed = 20040901
    if (!n) n = 1000
    if (!days) days = 1500
    if (!crisis) crisis = 400
    start = 11323 # 2001-01-01
    na = split("RUSGOV RUSMIL RUSREB RUSCVL ISRGOV ISRMIL PSEREB PSEGOV USAGOV QATGOV EGYGOV FRAGOV UNO TURGOV CHNGOV UKRGOV UKRMIL SYRGOV IRNGOV GBRGOV", A, " ")
    split("Moscow|Russian troops|Chechen gunmen|Russian civilians|Israel|Israeli forces|Hamas|the Palestinian Authority|Washington|Qatar|Cairo|Paris|the United Nations|Ankara|Beijing|Kyiv|Ukrainian forces|Damascus|Tehran|London", N, "|")
    for (i = 1; i <= na; i++) ID[A[i]] = i
    # code|root|quad|goldstein|plover|verb phrase
    nc = split("010|01|1|0.0|CONSULT|said of|" \
               "036|03|1|4.0|AGREE|offered to meet|" \
               "040|04|1|1.0|CONSULT|consulted|" \
               "046|04|1|7.0|CONSULT|negotiated with|" \
               "057|05|1|8.0|AGREE|signed an agreement with|" \
               "070|07|2|7.0|AID|sent aid to|" \
               "111|11|3|-2.0|ACCUSE|criticized|" \
               "112|11|3|-2.0|ACCUSE|accused|" \
               "138|13|3|-7.0|THREATEN|threatened to attack|" \
               "173|17|4|-5.0|COERCE|arrested members of|" \
               "190|19|4|-10.0|ASSAULT|attacked|" \
               "193|19|4|-10.0|ASSAULT|exchanged fire with|" \
               "0253|02|1|3.0|DEMAND|appealed for the release of hostages held by|" \
               "0841|08|2|7.0|RETREAT|released|" \
               "1053|10|3|-5.0|DEMAND|demanded the release of hostages from|" \
               "181|18|4|-9.0|ASSAULT|took hostages from|", C, "|")
    nc = int(nc / 6)
    nbg = 12 # the first 12 codes are background; the rest only occur in crises
    for (k = 0; k < nc; k++) K[C[6 * k + 1]] = k
    for (i = 0; i < n; i++) {
        # a few busy actors: skew the choice towards the start of the list
        s = 1 + int(rnd(na) * rnd(na + 1) / na); t = 1 + rnd(na)
        if (t == s) t = t % na + 1
        emit(s, t, C[6 * rnd(nbg) + 1], start + rnd(days))
        if (i % crisis == crisis - 1) {
            if (rnd(2)) { tk = "RUSREB"; hd = "RUSCVL"; gv = "RUSGOV"; ml = "RUSMIL" }
            else        { tk = "PSEREB"; hd = "ISRCVL"; gv = "ISRGOV"; ml = "ISRMIL" }
            if (!(hd in ID)) { A[++na] = hd; N[na] = "Israeli civilians"; ID[hd] = na }
            md = rnd(3) == 0 ? "UNO" : rnd(2) ? "QATGOV" : "EGYGOV"
            d = start + rnd(days)
            emit(ID[tk], ID[hd], "181", d)
            emit(ID[gv], ID[tk], "1053", d)
            emit(ID[md], ID[tk], "0253", d + 1)
            emit(ID[md], ID[tk], "046", d + 2)
            emit(ID[tk], ID[md], "046", d + 3)
            emit(ID[tk], ID[hd], "0841", d + 4)
            if (rnd(2)) emit(ID[ml], ID[tk], "190", d + 5)
            else        emit(ID[tk], ID[hd], "0841", d + 6)
        }
    }
}
