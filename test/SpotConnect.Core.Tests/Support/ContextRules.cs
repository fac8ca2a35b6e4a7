using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Tests.Support;

/// <summary>
/// Core's rules and messages for settings given as CDK context (with their environment fallbacks), through Core's
/// public API alone and without the CDK: each setting read as every edge reads it (<see cref="SpotContextSettings.Read"/>:
/// syntax), then resolved by Core (<see cref="SpotLinkSpec.TryResolve"/> or <see cref="SpotOrgSpec.TryResolve"/>), every
/// problem named by its context key in the contract's order, as the app names them.
/// <para>
/// Not the app: which stack it builds from these settings, the stack's name and defaults, its synthesizer and removal
/// policy are the app host's (<c>SpotConnectApp</c>), tested through it (test/SpotConnect.Tests: AppTests,
/// AppInProcessTests). The test names what it resolves (a link or a rollout) and whether the admin account is
/// bootstrapped.
/// </para>
/// </summary>
internal static class ContextRules
{
    /// <summary>The link <paramref name="context"/> gives, by the link's rules and the stack name's (<see cref="StackRules.StackName"/>).</summary>
    /// <exception cref="SpotConnectValidationException">Every problem, named by its context key.</exception>
    public static SpotLinkSpec Link(Func<string, object?> context, Func<string, string?>? environment = null)
    {
        var read = SpotContextSettings.Read(context, environment ?? (_ => null));
        var problems = read.Problems.ToList();
        var link = SpotLinkSpec.TryResolve(SpotLinkOptions.From(read.Values), problems);
        if (StackRules.StackName(read.Get(SpotSettings.StackName)) is { } stackName)
        {
            problems.Add(stackName);
        }

        return problems.Count == 0 ? link! : throw Named(problems);
    }

    /// <summary>As <see cref="Link(Func{string, object?}, Func{string, string?}?)"/>, from a dictionary.</summary>
    public static SpotLinkSpec Link(Dictionary<string, object> context, Dictionary<string, string>? environment = null) =>
        Link(k => context.GetValueOrDefault(k), k => environment?.GetValueOrDefault(k));

    /// <summary>
    /// The rollout <paramref name="context"/> gives (the org state its <c>spot:orgState</c> names, loaded), by the
    /// rollout's rules, for an admin account <paramref name="bootstrapped"/> or not.
    /// </summary>
    /// <exception cref="SpotConnectValidationException">Every problem, named by its context key; a state that cannot be loaded is said once, with why.</exception>
    public static SpotOrgSpec Org(Dictionary<string, object> context, bool bootstrapped = false, Dictionary<string, string>? environment = null)
    {
        var read = SpotContextSettings.Read(k => context.GetValueOrDefault(k), k => environment?.GetValueOrDefault(k));
        var problems = read.Problems.ToList();
        var state = read.LoadOrgState(problems);
        var resolved = new List<ValidationProblem>();
        var org = SpotOrgSpec.TryResolve(SpotOrgOptions.From(read.Values, state), SpotLinkOptions.From(read.Values), bootstrapped, resolved);
        problems.AddRange(SpotContextSettings.Besides(problems, resolved));
        return problems.Count == 0 ? org! : throw Named(problems);
    }

    private static SpotConnectValidationException Named(IReadOnlyList<ValidationProblem> problems) =>
        new SpotConnectValidationException(problems).NamedBy(s => s.ContextKey, inContractOrder: true);
}
