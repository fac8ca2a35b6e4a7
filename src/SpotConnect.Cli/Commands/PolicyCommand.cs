using System.CommandLine;
using SpotConnect.Policies;
using SpotConnect.Selection;
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
        var bundles = new Option<string>("--bundles", "-b")
        {
            Description = "Comma-separated bundle ids, or 'default' (see 'spot-connect bundles').",
            DefaultValueFactory = _ => "default",
        };
        var partition = new Option<string>("--partition", "-p")
        {
            Description = "AWS partition whose ARNs to write: aws, aws-us-gov or aws-cn.",
            DefaultValueFactory = _ => SpotPartition.Aws.Name,
        };
        var policyName = new Option<string>("--policy-name")
        {
            Description = "Name of the first managed policy; more are <name>-2, <name>-3, ...",
            DefaultValueFactory = _ => PolicyPlanOptions.DefaultPolicyName,
        };
        var maxPolicies = new Option<string>("--max-managed-policies")
        {
            Description = "The role's managed-policy quota, 1-20 (AWS managed SecurityAudit counts too).",
            DefaultValueFactory = _ => "10",
        };
        var compare = new Option<string?>("--compare")
        {
            Description = "Compare with an existing policy (a JSON policy document, a list of them, 'spot-connect policy' output or 'aws iam get-policy-version' output) and print what would be added and removed.",
            HelpName = "FILE",
        };
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "With --compare: exit with code 4 when the permissions differ, or when a statement could not be compared (for pipelines)." };
        var json = new Option<bool>("--json") { Description = "With --compare: print the differences as JSON." };

        var command = new Command("policy", "Print the managed policies SpotLinkStack will create for a selection, as JSON: [{\"name\": ..., \"document\": {...}}, ...] (Spot's \"View JSON\").")
        {
            bundles, partition, policyName, maxPolicies, compare, failOnChange, json,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(bundles)!,
            parse.GetValue(partition)!,
            parse.GetValue(policyName)!,
            parse.GetValue(maxPolicies)!,
            parse.GetValue(compare),
            parse.GetValue(failOnChange),
            parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string bundlesText, string partitionText, string policyName, string maxText, string? compareFile, bool failOnChange, bool json)
    {
        var problems = new List<ValidationProblem>();
        BundleSelection? selection = null;
        SpotPartition? partition = null;
        try
        {
            selection = BundleSelection.Parse(bundlesText, "--bundles");
        }
        catch (SpotConnectValidationException e)
        {
            problems.AddRange(e.Problems);
        }

        try
        {
            partition = SpotPartition.Parse(partitionText, "--partition");
        }
        catch (SpotConnectValidationException e)
        {
            problems.AddRange(e.Problems);
        }

        var max = InputRules.ParseInt("--max-managed-policies", maxText, problems);
        var maxProblem = max is { } m ? InputRules.MaxManagedPolicies("--max-managed-policies", m) : null;
        Add(problems, maxProblem);
        Add(problems, InputRules.PolicyName("--policy-name", policyName, max is { } n && maxProblem is null ? n : PolicyPlanOptions.HighestMaxManagedPolicies));
        if (selection is not null && partition is not null)
        {
            Add(problems, InputRules.SelectionAllowedIn("--bundles", selection, partition));
        }

        if (failOnChange && compareFile is null)
        {
            problems.Add(new("--fail-on-change", "true", "only applies together with --compare FILE."));
        }

        if (json && compareFile is null)
        {
            problems.Add(new("--json", "true", "only applies together with --compare FILE ('policy' always prints JSON)."));
        }

        ExistingPolicy? existing = null;
        if (compareFile is not null)
        {
            existing = ReadExisting(context, compareFile, problems);
        }

        if (problems.Count > 0)
        {
            throw new SpotConnectValidationException(problems);
        }

        var plan = PolicyBuilder.Spot.Build(selection!, new PolicyPlanOptions
        {
            PolicyName = policyName,
            MaxManagedPolicies = max!.Value,
            BundlesField = "--bundles",
            MaxManagedPoliciesField = "--max-managed-policies",
        });

        if (existing is null)
        {
            context.StdOut.WriteLine(PolicyJson.ToIndentedString(plan.ToJson(partition!)));
            return ExitCodes.Success;
        }

        var comparison = PolicyComparison.Compare(plan, partition!, existing);
        if (json)
        {
            context.StdOut.WriteLine(PolicyJson.ToIndentedString(comparison.ToJson()));
        }
        else
        {
            ComparisonPrinter.Print(context.StdOut, comparison, selection!, partition!, compareFile!);
        }

        // Statements that cannot be compared may hide a difference: a pipeline must look at them.
        return failOnChange && !comparison.IsIdentical ? ExitCodes.Changed : ExitCodes.Success;
    }

    private static ExistingPolicy? ReadExisting(CliContext context, string file, List<ValidationProblem> problems)
    {
        var path = Path.GetFullPath(file, context.WorkingDirectory);
        if (!File.Exists(path))
        {
            problems.Add(new("--compare", file, "no such file."));
            return null;
        }

        try
        {
            return ExistingPolicy.Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            problems.Add(new("--compare", file, $"not a policy: {e.Message}."));
            return null;
        }
    }

    private static void Add(List<ValidationProblem> problems, ValidationProblem? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
