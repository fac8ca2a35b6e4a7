using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Cli.Commands;

/// <summary>The text report of <c>policy --compare</c>.</summary>
internal static class ComparisonPrinter
{
    public static void Print(TextWriter output, PolicyComparison comparison, BundleSelection selection, SpotPartition partition, string file)
    {
        output.WriteLine($"Selection '{selection}' ({partition.Name}) compared with {file}:");
        if (comparison.IsIdentical)
        {
            output.WriteLine("No change: the selection grants exactly the permissions of the existing policy.");
        }
        else if (!comparison.HasChanges)
        {
            output.WriteLine($"No change among the comparable statements, but {comparison.NotCompared.Count} could not be compared (listed below): check them by hand.");
        }

        Section(output, "Added by the selection", '+', comparison.Added, "the existing policy");
        Section(output, "Removed by the selection", '-', comparison.Removed, "the selection");
        if (comparison.NotCompared.Count > 0)
        {
            output.WriteLine($"Not compared ({comparison.NotCompared.Count}): statements that are not plain Allow grants");
            foreach (var skipped in comparison.NotCompared)
            {
                output.WriteLine($"  ! {skipped}");
            }
        }

        foreach (var arn in comparison.AwsManagedPolicies)
        {
            output.WriteLine($"Also attached (AWS managed, not compared): {arn}");
        }

        output.WriteLine($"Summary: {comparison.Added.Count} added, {comparison.Removed.Count} removed, {comparison.NotCompared.Count} not compared.");
    }

    private static void Section(TextWriter output, string title, char mark, IReadOnlyList<GrantChange> changes, string otherSide)
    {
        if (changes.Count == 0)
        {
            return;
        }

        output.WriteLine($"{title} ({changes.Count}):");
        foreach (var change in changes)
        {
            var note = change.PartlyKept.Count > 0
                ? $"  (narrowed: {otherSide} still grants {change.PartlyKept.Count} it covers, e.g. {change.PartlyKept[0]})"
                : string.Empty;
            output.WriteLine($"  {mark} {change.Grant}{note}");
        }
    }
}
