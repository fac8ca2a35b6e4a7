using SpotConnect.Org;
using SpotConnect.Settings;

namespace SpotConnect.Cli.Org;

/// <summary>Options of <c>org prepare</c>, checked; <c>CallAs</c> is <see langword="null"/> when not given (then the state's, else SELF).</summary>
internal sealed record OrgPrepareRequest(
    string StatePath,
    string AccountsPath,
    IReadOnlyList<string> TargetOus,
    IReadOnlyList<string> Excluded,
    string? ManagementAccount,
    OrgCallAs? CallAs,
    int Concurrency,
    string? TokenFile,
    IReadOnlyDictionary<string, string>? SpotAccounts = null);

/// <summary>Options of <c>org deploy</c>: the settings given on the command line, as text, passed on to the CDK app as context.</summary>
internal sealed record OrgDeployRequest(string StatePath, string ProjectDirectory, Project.RunSettings Run, bool Prune, OrgCallAs? CallAs, bool ReplaceRole = false)
{
    public IReadOnlyDictionary<Setting, object> Values => Run.Values;

    public IReadOnlyDictionary<Setting, string> Texts => Run.Texts;

    public IReadOnlyList<SpotConnect.Validation.ValidationProblem> Malformed => Run.Malformed;

    /// <summary>How messages name this run's settings: the state's as <c>--state</c>, cdk.json's by key, the others by option.</summary>
    public Func<Setting, string> Names => Run.Names(Options.CliNames.WithState(OrgWorkflow.FromState));
}

/// <summary>Options of <c>org register</c>; the role's name and path are <see langword="null"/> when not given (then the deployed role's, as the state records it, else the defaults).</summary>
internal sealed record OrgRegisterRequest(string StatePath, string? RoleName, string? RolePath, int Concurrency, string? TokenFile);
