using System.CommandLine;
using System.CommandLine.Parsing;
using SpotConnect.Cli.Options;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Commands;

/// <summary>
/// <c>spot-connect policy</c>: "View JSON" — the managed policies exactly as SpotLinkStack creates them —
/// or, with <c>--compare</c>, how the selection differs from a policy in use today.
/// </summary>
internal static class PolicyCommand
{
    public static Command Create(CliContext context)
    {
        // The settings that shape the policies, as typed options (the same settings as the stack, so the same rules).
        var options = PolicySettings.ToDictionary(s => s, s => s == SpotSettings.Bundles ? SettingOptions.For(SpotSettings.Bundles, "-b")
            : s == SpotSettings.Partition ? SettingOptions.For(SpotSettings.Partition, "-p")
            : SettingOptions.For(s));
        var compare = new Option<FileInfo?>("--compare")
        {
            Description = "Compare with an existing policy (a JSON policy document, a list of them, 'spot-connect policy' output or 'aws iam get-policy-version' output) and print what would be added and removed.",
            HelpName = "FILE",
            CustomParser = result => new FileInfo(Path.GetFullPath(result.Tokens[^1].Value, context.WorkingDirectory)),
        };
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "With --compare: exit with code 4 when the permissions differ, or when a statement could not be compared (for pipelines)." };
        var json = new Option<bool>("--json") { Description = "With --compare: print the differences as JSON." };

        var command = new Command("policy", "Print the managed policies SpotLinkStack will create for a selection, as JSON: [{\"name\": ..., \"document\": {...}}, ...] (Spot's \"View JSON\").");
        foreach (var option in options.Values)
        {
            command.Options.Add(option);
        }

        command.Options.Add(compare);
        command.Options.Add(failOnChange);
        command.Options.Add(json);

        // Resolved once, while parsing, so the rules' problems are reported with the parser's own (every problem at once);
        // the action uses what was resolved.
        SpotLinkSpec? link = null;
        ExistingPolicy? existing = null;
        command.Validators.Add(result =>
        {
            // The account the role trusts does not shape the policies, and 'policy' has no such option: outside 'aws',
            // where the link needs it, a well-formed placeholder stands in so the other rules are checked as the app does.
            var (values, _, malformed) = SettingOptions.Given(result, options);
            var problems = malformed.ToList();
            link = SpotLinkSpec.TryResolve(SpotLinkOptions.From(values) with { PrincipalAccountId = "000000000000" }, problems);
            var file = result.GetValue(compare);
            if (result.GetValue(failOnChange) && file is null)
            {
                problems.Add(new("--fail-on-change", "true", "only applies together with --compare FILE."));
            }

            if (result.GetValue(json) && file is null)
            {
                problems.Add(new("--json", "true", "only applies together with --compare FILE ('policy' always prints JSON)."));
            }

            existing = file is null ? null : ReadExisting(file, SettingOptions.Text(result, compare)!, problems);
            SettingOptions.Report(result, problems);
        });

        command.SetAction(parse =>
        {
            if (link is null)
            {
                throw new InvalidOperationException("the policy options were not resolved while parsing.");
            }

            if (existing is null)
            {
                context.StdOut.WriteLine(PolicyJson.ToIndentedString(link.Plan.ToJson(link.Partition)));
                return ExitCodes.Success;
            }

            var comparison = PolicyComparison.Compare(link.Plan, link.Partition, existing);
            if (parse.GetValue(json))
            {
                context.StdOut.WriteLine(PolicyJson.ToIndentedString(comparison.ToJson()));
            }
            else
            {
                ComparisonPrinter.Print(context.StdOut, comparison, link.Bundles, link.Partition, SettingOptions.Text(parse.CommandResult, compare)!);
            }

            // Statements that cannot be compared may hide a difference: a pipeline must look at them.
            return parse.GetValue(failOnChange) && !comparison.IsIdentical ? ExitCodes.Changed : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The settings that shape the managed policies: the bundles, their names and quota, and the least-privilege settings.</summary>
    internal static IReadOnlyList<Setting> PolicySettings { get; } =
        [SpotSettings.Bundles, SpotSettings.Partition, SpotSettings.PolicyName, SpotSettings.MaxManagedPolicies, .. SpotSettings.PolicyShaping];

    private static ExistingPolicy? ReadExisting(FileInfo file, string given, List<ValidationProblem> problems)
    {
        if (!file.Exists)
        {
            problems.Add(new("--compare", given, "no such file."));
            return null;
        }

        try
        {
            return ExistingPolicy.Parse(File.ReadAllText(file.FullName));
        }
        catch (FormatException e)
        {
            problems.Add(new("--compare", given, $"not a policy: {e.Message}."));
            return null;
        }
    }
}
