using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using SpotConnect.Catalog;
using SpotConnect.Policies;

namespace SpotConnect.Cli.Commands;

/// <summary><c>spot-connect bundles [--json]</c>: the permission bundle catalog.</summary>
internal static class BundlesCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the catalog as JSON (for scripts) instead of a table." };
        var command = new Command("bundles", "List the permission bundles you can select: id, product, title, statements, actions and the characters they add to a policy.")
        {
            json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, bool json)
    {
        var builder = PolicyBuilder.Spot;
        var rows = builder.Catalog.Bundles.Select(b => new Row(b, builder.StatementsOf(b), builder.SizeOf(b))).ToArray();
        if (json)
        {
            context.StdOut.WriteLine(PolicyJson.ToIndentedString(ToJson(rows)));
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("id").AddColumn("product").AddColumn("title")
            .AddColumn(new TableColumn("statements").RightAligned())
            .AddColumn(new TableColumn("actions").RightAligned())
            .AddColumn(new TableColumn("characters").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Bundle.Id),
                Markup.Escape(row.Bundle.ProductLabel),
                Markup.Escape(row.Bundle.Title),
                row.Statements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                row.Actions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                row.Characters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        context.StdOut.WriteLine(
            "'default' selects every bundle except security-audit; 'general' is always included; an integration brings its product. " +
            "Characters: what the bundle's statements add to a managed policy (IAM's limit: 6,144).");
        return ExitCodes.Success;
    }

    private static JsonArray ToJson(IEnumerable<Row> rows) => new(rows.Select(r => (JsonNode)new JsonObject
    {
        ["id"] = r.Bundle.Id,
        ["product"] = r.Bundle.Product,
        ["integration"] = r.Bundle.Integration,
        ["title"] = r.Bundle.Title,
        ["description"] = r.Bundle.Description,
        ["alwaysIncluded"] = r.Bundle.AlwaysIncluded,
        ["optIn"] = r.Bundle.OptIn,
        ["requires"] = new JsonArray(r.Bundle.Requires.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
        ["statements"] = new JsonArray(r.Statements.Select(s => (JsonNode)JsonValue.Create(s.Sid)!).ToArray()),
        ["actions"] = r.Actions,
        ["characters"] = r.Characters,
        ["awsManagedPolicies"] = new JsonArray(r.Bundle.AwsManagedPolicies.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
    }).ToArray());

    private sealed record Row(PermissionBundle Bundle, IReadOnlyList<PolicyStatementSpec> Statements, int Characters)
    {
        public int Actions => Statements.Sum(s => s.Actions.Count);
    }
}
