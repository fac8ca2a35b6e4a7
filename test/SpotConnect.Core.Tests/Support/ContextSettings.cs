using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Tests.Support;

/// <summary>
/// Settings given as CDK context (with environment fallbacks), read as the app's edge reads them (each setting's own
/// parser, syntax only) and resolved once by Core (<see cref="SpotLinkSpec"/>, <see cref="SpotOrgSpec"/>), problems
/// named by context key: Core's rules and messages as the app's users see them, without starting the CDK. The app
/// itself (which resolves through the constructs) is tested end to end in the CDK tests.
/// </summary>
public sealed record ContextSettings
{
    public required string StackName { get; init; }

    public required bool Bootstrapped { get; init; }

    public required bool RetainOnDelete { get; init; }

    public required SpotLinkSpec Link { get; init; }

    public SpotOrgSpec? Org { get; init; }

    public static ContextSettings Read(Func<string, object?> context, Func<string, string?> environment)
    {
        // Read as the app reads them (its own edge, compiled into this project), then resolved by Core.
        var read = SpotContextSettings.Read(context, environment);
        var problems = read.Problems.ToList();
        var values = read.Values;
        var given = read.Texts.Keys.ToHashSet();
        var stackName = values.GetValueOrDefault(SpotSettings.StackName) as string
                        ?? (given.Contains(SpotSettings.OrgState) ? SpotSettings.DefaultOrgStackName : SpotSettings.DefaultStackName);
        if (StackRules.StackName(stackName) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }

        var bootstrapped = values.GetValueOrDefault(SpotSettings.Bootstrapped) as bool? ?? false;
        var link = SpotLinkOptions.From(values);
        SpotLinkSpec? linkSpec = null;
        SpotOrgSpec? org = null;
        if (given.Contains(SpotSettings.OrgState))
        {
            var state = read.LoadOrgState(problems);
            var orgProblems = new List<ValidationProblem>();
            org = SpotOrgSpec.TryResolve(SpotOrgOptions.From(values, state), link, bootstrapped, orgProblems);
            problems.AddRange(SpotContextSettings.Besides(problems, orgProblems));
            linkSpec = org?.Link;
        }
        else
        {
            linkSpec = SpotLinkSpec.TryResolve(link, problems);
        }

        return problems.Count == 0 && linkSpec is not null
            ? new ContextSettings
            {
                StackName = stackName,
                Bootstrapped = bootstrapped,
                RetainOnDelete = values.GetValueOrDefault(SpotSettings.RetainOnDelete) as bool? ?? false,
                Link = linkSpec,
                Org = org,
            }
            : throw new SpotConnectValidationException(problems).NamedBy(s => s.ContextKey, inContractOrder: true);
    }
}
