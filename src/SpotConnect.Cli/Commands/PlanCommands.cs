using System.CommandLine;
using SpotConnect.Cli.Link;
using SpotConnect.Cli.Options;
using SpotConnect.Cli.Org;
using SpotConnect.Cli.Plan;
using SpotConnect.Cli.Project;
using SpotConnect.Link;
using SpotConnect.Org;
using SpotConnect.Plan;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Commands;

/// <summary>
/// <c>link plan</c> and <c>org plan</c>: what <c>deploy</c> with the same options would change, against what the last
/// successful deploy recorded in the state. Resolves exactly as deploy does (<see cref="LinkWorkflow.ResolveDeploy"/>,
/// <see cref="OrgWorkflow.ResolveDeploy"/>; the org placement in memory, never written). No Node, no CDK, no AWS call.
/// </summary>
internal static class PlanCommands
{
    private const string DefaultLinkState = "spot-link.json";

    public static Command Link(CliContext context)
    {
        var command = new Command("plan", "What `link deploy` with these options would change against the deploy recorded in the state: the role (replaced or updated: name, path, boundary, tags), permissions added and removed (condition-aware, as `policy --compare`). Reads only the state file: no AWS, Node or CDK.");
        var options = new PlanOptions(context, command, DefaultLinkState, LinkWorkflow.DeploySettings, org: false);
        command.SetAction(parse =>
        {
            var run = options.Run(parse);
            var (values, texts, names) = (run.Values, run.Texts, run.Names(CliNames.WithState(LinkWorkflow.FromState)));
            var state = LinkWorkflow.RequireState(options.StatePath(parse), values, run.Malformed, names);
            var spec = LinkWorkflow.ResolveDeploy(state, values, run.Malformed, names);
            var stackName = LinkWorkflow.DeployStackName(state, texts);
            // A stack `link disconnect` destroyed holds nothing: the next deploy creates it all again, as a first deploy.
            var plan = DeployPlanner.Link(state.StackDestroyedAt is null ? state.Deployed : null, spec, texts, stackName, state.AwsAccountId, CliNames.InPlan(LinkWorkflow.FromState, "link prepare"));
            var notes = new List<string>();
            if (plan.FirstDeploy && RoleReplacementGuard.Deployed(state) is { } old && RoleReplacementGuard.Replaces(old, spec))
            {
                notes.Add($"The state holds the role {state.RoleArn}, deployed before deploys were recorded: this deploy would replace it, which `link deploy` refuses without {RoleReplacementGuard.Option}.");
            }

            notes.AddRange(run.OverrideNotes());
            notes.AddRange(options.IgnoredNotes(parse));
            return options.Print(parse, plan with { Notes = notes });
        });
        return command;
    }

    public static Command Org(CliContext context)
    {
        var command = new Command("plan", "What `org deploy` with these options would change against the deploy recorded in the state: per StackSet the accounts added and removed, the member role and permissions (condition-aware, as `policy --compare`), the management account's role. --markdown is meant for a pull request's job summary. Reads only the state file: no AWS, Node or CDK.");
        var options = new PlanOptions(context, command, OrgStateStore.DefaultFileName, OrgWorkflow.DeploySettings, org: true);
        command.SetAction(parse =>
        {
            var run = options.Run(parse);
            var (values, texts, names) = (run.Values, run.Texts, run.Names(CliNames.WithState(OrgWorkflow.FromState)));
            var state = OrgWorkflow.RequireState(options.StatePath(parse), values, run.Malformed, names);
            if (parse.GetValue(options.Prune!))
            {
                state = OrgStateMerger.Prune(state, at: null).State; // in memory only: a plan records nothing
            }

            var spec = OrgWorkflow.ResolveDeploy(state, values, run.Malformed, callAs: null, names);
            var stackName = OrgWorkflow.DeployStackName(state, texts);
            var plan = DeployPlanner.Org(state.Deployed, spec, texts, stackName, CliNames.InPlan(OrgWorkflow.FromState, "org prepare"));
            var notes = new List<string>();
            if (plan.FirstDeploy && RoleReplacementGuard.Deployed(state) is { } old && RoleReplacementGuard.Replaces(old, spec.Link))
            {
                notes.Add($"The state's accounts are registered with the role {old.Path}{old.Name}, deployed before deploys were recorded: this deploy would replace it, which `org deploy` refuses without {RoleReplacementGuard.Option}.");
            }

            notes.AddRange(run.OverrideNotes());
            notes.AddRange(options.IgnoredNotes(parse));
            return options.Print(parse, plan with { Notes = notes });
        });
        return command;
    }

    /// <summary>The options of a plan command: the state, the deploy's settings, the output format and --fail-on-change.</summary>
    private sealed class PlanOptions
    {
        private readonly CliContext _context;

        private readonly string _defaultState;
        private readonly bool _org;

        public PlanOptions(CliContext context, Command command, string defaultState, IReadOnlyList<Setting> settings, bool org)
        {
            _context = context;
            _defaultState = defaultState;
            _org = org;
            State = new Option<string>("--state") { Description = "The state file.", DefaultValueFactory = _ => defaultState, HelpName = "FILE" };
            command.Options.Add(State);
            Project = SpotProject.CreateOption(defaultToCurrentFolder: false);
            command.Options.Add(Project);
            foreach (var setting in settings)
            {
                Settings[setting] = SettingOptions.For(setting);
                command.Options.Add(Settings[setting]);
            }

            if (org)
            {
                Prune = new Option<bool>("--prune") { Description = "As `org deploy --prune`: accounts that left the organization or are no longer ACTIVE leave their StackSet." };
                command.Options.Add(Prune);
            }

            // Deploy's own options, so a job can plan with the options it deploys with: they change nothing a plan shows.
            ReplaceRole = new Option<bool>(RoleReplacementGuard.Option) { Description = "As deploy's: accepted so a plan takes the options its deploy takes; a plan shows a replacement either way." };
            command.Options.Add(ReplaceRole);

            Json = new Option<bool>("--json") { Description = "Print the plan as JSON (for scripts)." };
            Markdown = new Option<bool>("--markdown") { Description = "Print the plan as Markdown (for a pull request's job summary, e.g. >> \"$GITHUB_STEP_SUMMARY\")." };
            FailOnChange = new Option<bool>("--fail-on-change") { Description = "Exit with code 4 when the deploy would change anything (for pipelines)." };
            command.Options.Add(Json);
            command.Options.Add(Markdown);
            command.Options.Add(FailOnChange);
            command.Validators.Add(result =>
            {
                if (result.GetValue(Json) && result.GetValue(Markdown))
                {
                    SettingOptions.Report(result, [new ValidationProblem("--markdown", "true", "choose one output format: --json or --markdown (or neither, for the table).", ["--json", "--markdown"])]);
                }
            });
        }

        public Option<string> State { get; }

        public Option<string?> Project { get; }

        public Dictionary<Setting, Option> Settings { get; } = [];

        /// <summary>
        /// The plan's settings, as deploy's: the project's cdk.json (the one given with --project, else the current folder's
        /// when it has one), options over it. A plan deploys nothing, so it reads any cdk.json and checks no version.
        /// </summary>
        public RunSettings Run(ParseResult parse)
        {
            var (values, texts, malformed) = SettingOptions.Given(parse, Settings);
            var given = parse.GetValue(Project);
            var directory = Path.GetFullPath(given ?? ".", _context.WorkingDirectory);
            if (given is not null && !CdkProject.Exists(directory))
            {
                throw new SpotConnectValidationException(new ValidationProblem(SpotProject.Option, directory, $"has no {CdkProject.FileName}: give the folder of a connection project (`spot-connect init` writes one)."));
            }

            return RunSettings.Merge(CdkProject.Exists(directory) ? CdkProject.Load(directory).Settings : null, Settings.Keys, values, texts, malformed);
        }

        public Option<bool>? Prune { get; }

        public Option<bool> ReplaceRole { get; }

        /// <summary>The deploy options given that change nothing for a plan, said once.</summary>
        public IEnumerable<string> IgnoredNotes(ParseResult parse) =>
            parse.GetValue(ReplaceRole) ? [$"{RoleReplacementGuard.Option} changes nothing for a plan (accepted, as deploy takes it): the plan shows whether the role would be replaced."] : [];

        public Option<bool> Json { get; }

        public Option<bool> Markdown { get; }

        public Option<bool> FailOnChange { get; }

        /// <summary>The state file: --state as given; else the project's (--project, or the current folder), for an organization the one its cdk.json names.</summary>
        public string StatePath(ParseResult parse) =>
            SpotProject.StatePath(parse.GetResult(State) is { Implicit: false } ? parse.GetValue(State) : null, _defaultState, Path.GetFullPath(parse.GetValue(Project) ?? ".", _context.WorkingDirectory), _org, _context.WorkingDirectory);

        public int Print(ParseResult parse, DeployPlan plan)
        {
            var printer = new PlanPrinter(plan);
            if (parse.GetValue(Json))
            {
                _context.StdOut.WriteLine(printer.Json());
            }
            else if (parse.GetValue(Markdown))
            {
                _context.StdOut.Write(printer.Markdown());
            }
            else
            {
                printer.Text(_context.StdOut);
            }

            return parse.GetValue(FailOnChange) && plan.HasChanges ? ExitCodes.Changed : ExitCodes.Success;
        }
    }
}
