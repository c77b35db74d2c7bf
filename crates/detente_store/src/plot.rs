//! An SVG chart of a dyad series, written by hand: per period a bar of event counts
//! stacked by quad class (left axis), the Goldstein mean as a line (right axis, -10 to
//! +10), and a marker for every alert (a dashed vertical line with ▲ for de-escalation,
//! ▼ for escalation, and a tooltip with its strength).

use std::fmt::Write;

use crate::alerts::{Alert, Direction};
use crate::series::DyadSeries;

/// Colours of quad classes 1..4 (verbal coop, material coop, verbal conflict, material
/// conflict).
const QUAD_COLOURS: [&str; 4] = ["#9ecae1", "#3182bd", "#fdae6b", "#e6550d"];
const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// The chart as an SVG document.
pub fn svg(series: &DyadSeries, alerts: &[Alert]) -> String {
    let n = series.rows.len().max(1);
    let (left, right, top, bottom) = (50.0, 50.0, 40.0, 90.0);
    let plot_h = 300.0;
    let step = (900.0 / n as f64).clamp(4.0, 40.0);
    let plot_w = step * n as f64;
    let width = left + plot_w + right;
    let height = top + plot_h + bottom;
    let max_count = series
        .rows
        .iter()
        .map(|r| r.events)
        .max()
        .unwrap_or(0)
        .max(1);
    let y_count = |c: f64| top + plot_h - c / f64::from(max_count) * plot_h;
    let y_gold = |g: f64| top + plot_h / 2.0 - g.clamp(-10.0, 10.0) / 10.0 * (plot_h / 2.0);
    let x_of = |i: usize| left + step * i as f64;

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        s,
        r#"<rect width="100%" height="100%" fill="white"/><text x="{left}" y="20" font-size="14">{} {} {} by {}</text>"#,
        esc(&series.a),
        if series.directed { "→" } else { "–" },
        esc(&series.b),
        match series.period {
            crate::series::Period::Day => "day",
            crate::series::Period::Week => "week",
            crate::series::Period::Month => "month",
        }
    );
    // Axes and the zero line of the Goldstein scale.
    let _ = writeln!(
        s,
        r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{b:.1}" stroke="#333"/><line x1="{left}" y1="{b:.1}" x2="{r:.1}" y2="{b:.1}" stroke="#333"/><line x1="{r:.1}" y1="{top}" x2="{r:.1}" y2="{b:.1}" stroke="#333"/><line x1="{left}" y1="{z:.1}" x2="{r:.1}" y2="{z:.1}" stroke="#bbb" stroke-dasharray="2,3"/>"##,
        b = top + plot_h,
        r = left + plot_w,
        z = y_gold(0.0)
    );
    let _ = writeln!(
        s,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="end">{max_count}</text><text x="{x:.1}" y="{b:.1}" text-anchor="end">0</text><text x="{rx:.1}" y="{y:.1}">+10</text><text x="{rx:.1}" y="{zy:.1}">0</text><text x="{rx:.1}" y="{b:.1}">-10</text>"#,
        x = left - 4.0,
        y = top + 4.0,
        b = top + plot_h,
        rx = left + plot_w + 4.0,
        zy = y_gold(0.0) + 4.0
    );
    // Stacked bars.
    let label_every = (n / 24).max(1);
    for (i, r) in series.rows.iter().enumerate() {
        let mut acc = 0.0;
        for (q, &count) in r.quad.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let y0 = y_count(acc);
            acc += f64::from(count);
            let y1 = y_count(acc);
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{y1:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}: {count} {}</title></rect>"#,
                x_of(i) + step * 0.1,
                step * 0.8,
                y0 - y1,
                QUAD_COLOURS[q],
                esc(&r.period),
                QUAD_NAMES[q]
            );
        }
        if i % label_every == 0 {
            let (x, y) = (x_of(i) + step / 2.0, top + plot_h + 8.0);
            let _ = writeln!(
                s,
                r#"<text x="{x:.1}" y="{y:.1}" transform="rotate(60 {x:.1} {y:.1})">{}</text>"#,
                esc(&r.period)
            );
        }
    }
    // Goldstein mean line, broken at periods without events.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, r) in series.rows.iter().enumerate() {
        match r.goldstein_mean {
            Some(g) if g.is_finite() => {
                let _ = write!(
                    path,
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    x_of(i) + step / 2.0,
                    y_gold(g)
                );
                pen_down = true;
                let _ = writeln!(
                    s,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="#222"><title>{}: Goldstein mean {g:.2}</title></circle>"##,
                    x_of(i) + step / 2.0,
                    y_gold(g),
                    esc(&r.period)
                );
            }
            _ => pen_down = false,
        }
    }
    if !path.is_empty() {
        let _ = writeln!(
            s,
            r##"<path d="{}" fill="none" stroke="#222" stroke-width="1.5"/>"##,
            path.trim_end()
        );
    }
    // Alert markers.
    for al in alerts {
        let Some(i) = series.rows.iter().position(|r| r.period == al.period) else {
            continue;
        };
        let x = x_of(i) + step / 2.0;
        let (colour, mark) = match al.direction {
            Direction::DeEscalation => ("#2ca02c", "▲"),
            Direction::Escalation => ("#d62728", "▼"),
        };
        let _ = writeln!(
            s,
            r#"<g><title>{} {}: strength {:.2}, shift {:+.2}, {} events</title><line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="5,3"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="{colour}" font-size="14">{mark}</text></g>"#,
            al.direction.as_str(),
            esc(&al.period),
            al.strength,
            al.shift,
            al.event_ids.len(),
            top + plot_h,
            top - 4.0
        );
    }
    // Legend.
    let ly = height - 14.0;
    let mut lx = left;
    for q in 0..4 {
        let _ = writeln!(
            s,
            r#"<rect x="{lx:.1}" y="{:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{ly:.1}">{}</text>"#,
            ly - 9.0,
            QUAD_COLOURS[q],
            lx + 13.0,
            QUAD_NAMES[q]
        );
        lx += 140.0;
    }
    let _ = writeln!(
        s,
        r##"<line x1="{lx:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#222" stroke-width="1.5"/><text x="{:.1}" y="{ly:.1}">Goldstein mean</text>"##,
        lx + 14.0,
        lx + 18.0,
        y = ly - 4.0
    );
    s.push_str("</svg>\n");
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
