using System.Text;
using SpotConnect.IO;
using SpotConnect.Plan;

namespace SpotConnect.Cli.Plan;

/// <summary>
/// A <see cref="DeployPlan"/> for people (text) and for a pull request's job summary (Markdown), both from the same
/// <see cref="PlanRow"/>s, and for scripts (the plan serialized).
/// </summary>
internal sealed class PlanPrinter(DeployPlan plan)
{
    private const string None = "(none)";

    private readonly IReadOnlyList<PlanRow> _rows = PlanRow.Of(plan);

    /// <summary>The plan as text: a line per headline, its changes indented beneath it (<c>~</c>, <c>+</c>, <c>-</c>, <c>!</c>).</summary>
    public void Text(TextWriter output)
    {
        output.WriteLine($"{plan.Command} plan: {plan.StackName} in {plan.Target}, " + (plan.FirstDeploy
            ? "first deploy: the state records no deploy (never deployed, or deployed before deploys were recorded), so everything is created."
            : $"against the deploy recorded {plan.RecordedAt}."));
        foreach (var row in plan.HasChanges ? _rows : [])
        {
            output.WriteLine(row.Mark switch
            {
                PlanMark.Head or PlanMark.Alert => Environment.NewLine + string.Join(": ", new[] { row.Label, row.Remark, Values(row) }.OfType<string>()),
                PlanMark.Changed => $"  ~ {row.Label}: {row.Deployed ?? None} -> {row.Planned ?? None}{Why(row)}",
                _ => $"  {Sign(row.Mark)} {row.Label}{Why(row)}",
            });
        }

        // The notes (an option over cdk.json, one accepted and ignored) hold with no change too.
        var gap = plan.HasChanges ? Environment.NewLine : string.Empty;
        foreach (var note in plan.Notes)
        {
            output.WriteLine($"{gap}Note: {note}");
        }

        output.WriteLine($"{gap}{plan.Summary}");
    }

    /// <summary>The plan as Markdown: one table of the headlines and changed values, alerts, the rest in a collapsed diff.</summary>
    public string Markdown()
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line($"### spot-connect {plan.Command} plan: `{plan.StackName}`");
        Line();
        Line($"{(plan.HasChanges ? "**Changes**" : "**No change**")} in {Escape(plan.Target)}, {(plan.FirstDeploy ? "**first deploy** (the state records no deploy)" : $"against the deploy recorded {plan.RecordedAt}")}.");
        Line();
        if (plan.HasChanges)
        {
            Line("| | deployed | planned |");
            Line("|---|---|---|");
            foreach (var row in _rows.Where(r => r.Mark == PlanMark.Changed || (r.Mark is PlanMark.Head or PlanMark.Alert && (r.Deployed ?? r.Planned) is not null)))
            {
                Line($"| {Cell(row)} | {Code(row.Deployed)} | {Code(row.Planned)} |");
            }

            Line();
            foreach (var warning in _rows.Where(r => r.Mark == PlanMark.Warning))
            {
                Line($"> [!WARNING]\n> {warning.Label}");
                Line();
            }

            var diff = _rows.Where(r => r.Mark is PlanMark.Added or PlanMark.Removed or PlanMark.NotCompared).ToArray();
            if (diff.Length > 0)
            {
                Line($"<details><summary>{diff.Count(r => r.Mark == PlanMark.Added)} added, {diff.Count(r => r.Mark == PlanMark.Removed)} removed</summary>");
                Line();
                Line("```diff");
                foreach (var row in diff)
                {
                    Line($"{Sign(row.Mark)} {row.Label}{Why(row)}");
                }

                Line("```");
                Line("</details>");
                Line();
            }
        }

        foreach (var note in plan.Notes)
        {
            Line($"> {Escape(note)}");
            Line();
        }

        Line(plan.Summary);
        return md.ToString();
    }

    /// <summary>The plan serialized (<see cref="CliJson"/>).</summary>
    public string Json() => CliJson.Serialize(plan);

    /// <summary>A row's first Markdown cell: a name (an option, a property) as code, an alert's remark in bold.</summary>
    private static string Cell(PlanRow row) => row.Mark switch
    {
        PlanMark.Changed => (row.Label.Contains(' ', StringComparison.Ordinal) ? Escape(row.Label) : Code(row.Label)) + (row.Remark is null ? string.Empty : $" ({Escape(row.Remark)})"),
        PlanMark.Alert => $"{Escape(row.Label)} **{Escape(row.Remark ?? string.Empty)}**",
        _ => Escape(string.Join(" ", new[] { row.Label, row.Remark }.OfType<string>())),
    };

    private static string? Values(PlanRow row) =>
        row.Deployed is { } deployed && row.Planned is { } planned && deployed != planned ? $"{deployed} -> {planned}" : row.Planned ?? row.Deployed;

    private static string Why(PlanRow row) => row.Remark is null ? string.Empty : $"  ({row.Remark})";

    private static char Sign(PlanMark mark) => mark switch { PlanMark.Added => '+', PlanMark.Removed => '-', _ => '!' };

    private static string Code(string? value) => value is null ? "–" : $"`{value.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)}`";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
