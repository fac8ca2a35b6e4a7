using System.CommandLine;
using System.CommandLine.Parsing;
using SpotConnect.Cli.Link;
using SpotConnect.Cli.Options;
using SpotConnect.Cli.Project;
using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Org;

/// <summary>Which steps an org command runs (and so which options it takes).</summary>
[Flags]
internal enum OrgSteps
{
    None = 0,
    Prepare = 1,
    Deploy = 2,
    Register = 4,
}

/// <summary>
/// The options of one org command (each command gets its own instances). Every problem with them, the accounts
/// file included, is found while parsing and reported at once, before anything is read from Spot or written.
/// </summary>
internal sealed class OrgOptions
{
    /// <summary>The default number of accounts worked on at once (see bench/RESULTS.md, "issue 11: org prepare").</summary>
    public const int DefaultConcurrency = 8;

    private readonly CliContext _context;
    private readonly OrgSteps _steps;
    private readonly List<Option> _options = [];

    public OrgOptions(CliContext context, OrgSteps steps)
    {
        _context = context;
        _steps = steps;
        State = Add(new Option<string>(OrgWorkflow.StateOption) { Description = "The org state file (no secrets; meant to be committed).", DefaultValueFactory = _ => OrgStateStore.DefaultFileName, HelpName = "FILE" });
        if (steps.HasFlag(OrgSteps.Prepare) || steps.HasFlag(OrgSteps.Register))
        {
            TokenFile = Add(new Option<string?>("--token-file") { Description = "Read the Spot API token from this file instead of SPOTINST_TOKEN.", HelpName = "FILE" });
            Concurrency = Add(new Option<int>("--concurrency") { Description = $"How many accounts are worked on at once (1-{OrgInputRules.MaxConcurrency}).", DefaultValueFactory = _ => DefaultConcurrency, HelpName = "N" });
        }

        if (steps.HasFlag(OrgSteps.Prepare))
        {
            Accounts = Add(new Option<string>(OrgWorkflow.AccountsOption) { Description = "The output of `aws organizations list-accounts` (JSON).", Required = true, HelpName = "FILE" });
            TargetOus = Add(new Option<string>("--target-ou") { Description = "The organizational units or root the StackSets deploy to (comma-separated ou-… / r-… ids).", Required = true, HelpName = "IDS" });
            Exclude = Add(new Option<string?>("--exclude") { Description = "AWS account ids to leave out (comma-separated).", HelpName = "IDS" });
            ManagementAccount = Add(new Option<string?>("--management-account") { Description = "The organization's management account (default with --call-as SELF: the caller's account, from STS).", HelpName = "ID" });
            SpotAccounts = Add(new Option<string[]>(Spot.SpotAccountFinder.GivenOption) { Description = "Take this Spot account for this AWS account (AWS=act-… pairs, comma-separated or repeated), e.g. an unconnected one SpotConnect did not create (never deleted by SpotConnect).", HelpName = "AWS=ACT" });
            CallAs = Add(new Option<string>("--call-as") { Description = "Whom the StackSets are managed as: SELF (the management account) or DELEGATED_ADMIN (needs --management-account).", DefaultValueFactory = _ => "SELF", HelpName = "SELF|DELEGATED_ADMIN" });
        }

        if (steps.HasFlag(OrgSteps.Deploy))
        {
            // The link's, the stack's and the rollout's settings, except what the state supplies (external ids, partition, the
            // state itself); with prepare (sync), --call-as says whom the StackSets are managed and deployed as: no --org-call-as.
            foreach (var setting in OrgWorkflow.DeploySettings.Where(s => !(steps.HasFlag(OrgSteps.Prepare) && s == SpotSettings.OrgCallAs)))
            {
                Settings[setting] = Add(SettingOptions.For(setting));
            }

            Project = Add(SpotProject.CreateOption());
            Prune = Add(new Option<bool>("--prune") { Description = "Take accounts that left the organization or are no longer ACTIVE out of their StackSet (they stay in the state)." });
            ReplaceRole = Add(new Option<bool>(SpotConnect.Cli.Plan.RoleReplacementGuard.Option) { Description = "Allow a new --role-name or --role-path, which replaces every account's deployed role (new ARNs; Spot loses access until they are registered again: sync does it in the same run). Without it such a deploy is refused." });
        }
        else if (steps.HasFlag(OrgSteps.Register))
        {
            // Register names each account's role as deploy created it.
            foreach (var setting in new Setting[] { SpotSettings.RoleName, SpotSettings.RolePath })
            {
                Settings[setting] = Add(SettingOptions.For(setting));
            }
        }
    }

    public Option<string> State { get; }

    public Option<string?>? TokenFile { get; }

    public Option<int>? Concurrency { get; }

    public Option<string>? Accounts { get; }

    public Option<string>? TargetOus { get; }

    public Option<string?>? Exclude { get; }

    public Option<string?>? ManagementAccount { get; }

    public Option<string>? CallAs { get; }

    public Option<string[]>? SpotAccounts { get; }

    public Dictionary<Setting, Option> Settings { get; } = [];

    public Option<string?>? Project { get; }

    public Option<bool>? Prune { get; }

    public Option<bool>? ReplaceRole { get; }

    public void AddTo(Command command)
    {
        foreach (var option in _options)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var problems = new List<ValidationProblem>();
            Check(result, problems);
            SettingOptions.Report(result, problems);
        });
    }

    /// <summary>The state file: --state as given; for a command that deploys from a project, else the one its cdk.json names (spot:orgState) in its folder.</summary>
    public string StatePath(ParseResult parse) =>
        Project is null
            ? Full(parse.GetValue(State)!)
            : SpotProject.StatePath(parse.GetResult(State) is { Implicit: false } ? parse.GetValue(State) : null, OrgStateStore.DefaultFileName, Full(parse.GetValue(Project)!), org: true, _context.WorkingDirectory);

    public OrgPrepareRequest Prepare(ParseResult parse)
    {
        var problems = new List<ValidationProblem>();
        return new(
            StatePath(parse),
            Full(parse.GetValue(Accounts!)!),
            OrgInputRules.TargetOus("--target-ou", parse.GetValue(TargetOus!), problems),
            OrgInputRules.AccountIds("--exclude", parse.GetValue(Exclude!), problems),
            parse.GetValue(ManagementAccount!),
            GivenCallAs(parse),
            parse.GetValue(Concurrency!),
            parse.GetValue(TokenFile!),
            OrgInputRules.GivenSpotAccounts(Spot.SpotAccountFinder.GivenOption, parse.GetValue(SpotAccounts!), problems));
    }

    /// <summary>The deploy's options: the project (checked first: a SpotConnect project on this tool's version) and its settings, options over cdk.json.</summary>
    public OrgDeployRequest Deploy(ParseResult parse)
    {
        var project = SpotProject.Open(Full(parse.GetValue(Project!)!));
        var (values, texts, malformed) = SettingOptions.Given(parse, Settings);
        return new(StatePath(parse), project.Directory, RunSettings.Merge(project.Settings, Settings.Keys, values, texts, malformed), parse.GetValue(Prune!), GivenCallAs(parse), parse.GetValue(ReplaceRole!));
    }

    public OrgRegisterRequest Register(ParseResult parse)
    {
        // The role's name and path, checked by Core's rules (the rest of the link at its defaults: only the ARN is needed here).
        var (values, _, malformed) = SettingOptions.Given(parse, Settings);
        var problems = malformed.ToList();
        var link = SpotLinkSpec.TryResolve(new SpotLinkOptions
        {
            RoleName = values.GetValueOrDefault(SpotSettings.RoleName) as string,
            RolePath = values.GetValueOrDefault(SpotSettings.RolePath) as string,
        }, problems);
        return link is null || problems.Count > 0
            ? throw new SpotConnectValidationException(problems)
            : new(StatePath(parse), values.ContainsKey(SpotSettings.RoleName) ? link.RoleName : null, values.ContainsKey(SpotSettings.RolePath) ? link.RolePath : null, parse.GetValue(Concurrency!), parse.GetValue(TokenFile!));
    }

    /// <summary>Every problem with the options (and the accounts file), at once.</summary>
    private void Check(CommandResult result, List<ValidationProblem> problems)
    {
        if (Concurrency is not null && result.GetResult(Concurrency) is { Implicit: false } concurrencyGiven && !concurrencyGiven.Errors.Any()
            && OrgInputRules.Concurrency("--concurrency", result.GetValue(Concurrency)) is { } concurrency)
        {
            problems.Add(concurrency);
        }

        if (_steps.HasFlag(OrgSteps.Prepare))
        {
            _ = OrgInputRules.TargetOus("--target-ou", result.GetValue(TargetOus!), problems);
            _ = OrgInputRules.AccountIds("--exclude", result.GetValue(Exclude!), problems);
            _ = OrgInputRules.GivenSpotAccounts(Spot.SpotAccountFinder.GivenOption, result.GetValue(SpotAccounts!), problems);
            var management = result.GetValue(ManagementAccount!);
            if (management is not null && InputRules.AccountId("--management-account", management) is { } bad)
            {
                problems.Add(bad);
            }

            // --call-as, else (sync, in a project) cdk.json's spot:orgCallAs, else SELF.
            var project = Project is null ? null : Full(result.GetValue(Project) ?? ".");
            var callAs = result.GetResult(CallAs!) is { Implicit: false } ? result.GetValue(CallAs!)
                : project is not null && ProjectCallAs(project) is { } fromProject ? fromProject
                : "SELF";
            if (OrgInputRules.CallAs("--call-as", callAs, problems) == OrgCallAs.DelegatedAdmin && management is null)
            {
                problems.Add(new("--management-account", null, "is required with --call-as DELEGATED_ADMIN: give the organization's management account (12 digits); it is reported as needing `spot-connect link`."));
            }

            if (result.GetValue(Accounts!) is { } accounts)
            {
                _ = OrgAccountsFile.Read(Full(accounts), OrgWorkflow.AccountsOption, problems);
            }
        }
    }

    /// <summary>The administrator given with <c>--call-as</c> (sync), or <see langword="null"/> when not given: then the state's, else SELF.</summary>
    /// <remarks>In a project (sync), cdk.json's <c>spot:orgCallAs</c> is the default, as for the app that deploys it.</remarks>
    private OrgCallAs? GivenCallAs(ParseResult parse)
    {
        if (CallAs is null)
        {
            return null;
        }

        if (parse.GetResult(CallAs) is { Implicit: false })
        {
            return OrgInputRules.CallAs("--call-as", parse.GetValue(CallAs), []);
        }

        return Project is not null && ProjectCallAs(Full(parse.GetValue(Project) ?? ".")) is { } fromProject ? OrgCallAsText.Parse(fromProject) : null;
    }

    /// <summary>cdk.json's <c>spot:orgCallAs</c> in <paramref name="project"/>, as written, if any (a cdk.json that cannot be read is reported when the project is opened).</summary>
    private static string? ProjectCallAs(string project)
    {
        try
        {
            return CdkProject.Exists(project) ? CdkProject.Load(project).Settings.Texts.GetValueOrDefault(SpotSettings.OrgCallAs) : null;
        }
        catch (SpotConnectValidationException)
        {
            return null;
        }
    }

    private string Full(string path) => Path.GetFullPath(path, _context.WorkingDirectory);

    private T Add<T>(T option)
        where T : Option
    {
        _options.Add(option);
        return option;
    }
}
