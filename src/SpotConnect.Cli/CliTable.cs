using Spectre.Console;

namespace SpotConnect.Cli;

/// <summary>The tool's tables for people: one simple border, text cells escaped, "-" for a missing value.</summary>
internal static class CliTable
{
    /// <summary>A table with <paramref name="columns"/>; with only blank column names, a key/value table without a header.</summary>
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        if (columns.All(c => c.Length == 0))
        {
            table.HideHeaders();
        }

        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        return table;
    }

    /// <summary>Adds one row of text cells (escaped for Spectre's markup; a missing value shows as "-").</summary>
    public static void AddCells(this Table table, params string?[] values) =>
        table.AddRow(values.Select(v => Markup.Escape(v ?? "-")).ToArray());
}
