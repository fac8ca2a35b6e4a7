using System.CommandLine;
using System.CommandLine.Parsing;
using SpotConnect.Cli.Link;
using SpotConnect.Cli.Options;
using SpotConnect.Cli.Project;
using SpotConnect.Link;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Commands;

/// <summary>
/// <c>spot-connect link [prepare|deploy|register]</c>: connect an AWS account to Spot end to end through Spot's
/// API. Without a subcommand, runs the three steps in order with a progress display.
/// </summary>
internal static class LinkCommand
{
    private const string DefaultState = "spot-link.json";

    public static Command Create(CliContext context, CliServices services)
    {
        var link = new Command("link", "Connect this AWS account to Spot end to end: prepare (Spot account, external id), deploy (SpotLinkStack), register (role ARN with Spot). Each step continues from the state file. The Spot token comes from SPOTINST_TOKEN or --token-file, never from arguments.");
        var all = new LinkOptions(context, withPrepare: true, withDeploy: true, withRegister: false);
        all.AddTo(link);
        link.SetAction((parse, cancellation) => Run(context, services, async (workflow, progress) =>
        {
            // The options are read once (the project opened, cdk.json read) and the link resolved once, with the partition
            // STS reports, before anything changes: every step gets the same (deploy adds the external id prepare got).
            var deploy = all.Deploy(parse);
            var prepare = all.Prepare(parse, deploy.StatePath);
            var caller = await workflow.CallerAsync(cancellation);
            var spec = LinkWorkflow.ResolveBeforePrepare(deploy, caller.Partition);
            progress.Step(1, "prepare");
            var recordedBefore = LinkStateStore.Load(deploy.StatePath, LinkWorkflow.StateOption)?.SpotAccountId;
            var prepared = await workflow.PrepareAsync(prepare, cancellation, caller);
            progress.Step(2, "deploy");
            var deployed = await workflow.DeployAsync(deploy, cancellation, spec, caller);
            progress.Step(3, "register");
            var linked = await workflow.RegisterAsync(new RegisterOptions(deploy.StatePath, deployed.RoleArn, prepare.TokenFile), cancellation);
            context.StdOut.WriteLine($"Connected: AWS account {linked.AwsAccountId} is linked to Spot account {linked.SpotAccountId} through {linked.RoleArn}" +
                                     (prepared.SpotAccountCreated && prepared.SpotAccountId != recordedBefore ? " (Spot account created by this run)." : "."));
        }));

        var prepare = new Command("prepare", "Find who you are in AWS (STS), find or create the Spot account, and get an external id; writes the state file.");
        var prepareOptions = new LinkOptions(context, withPrepare: true, withDeploy: false, withRegister: false);
        prepareOptions.AddTo(prepare);
        prepare.SetAction((parse, cancellation) => Run(context, services, async (workflow, _) =>
        {
            var state = await workflow.PrepareAsync(prepareOptions.Prepare(parse), cancellation);
            context.StdOut.WriteLine($"Prepared: AWS account {state.AwsAccountId} ({state.Partition}), Spot account {state.SpotAccountId}, external id {state.ExternalId}; state in {prepareOptions.StatePath(parse)}. {LinkStatus.Of(state, prepareOptions.StatePath(parse)).NextText()}");
        }));

        var deploy = new Command("deploy", "Deploy SpotLinkStack with the prepared external id through the pinned CDK CLI; records SpotRoleArn in the state file. Takes every setting of the stack as an option.");
        var deployOptions = new LinkOptions(context, withPrepare: false, withDeploy: true, withRegister: false);
        deployOptions.AddTo(deploy);
        deploy.SetAction((parse, cancellation) => Run(context, services, async (workflow, _) =>
        {
            var state = await workflow.DeployAsync(deployOptions.Deploy(parse), cancellation);
            if (state.RegistrationRequired && state.LinkedAt is null && parse.GetValue(deployOptions.ReplaceRole!))
            {
                context.StdOut.WriteLine("The role was replaced: Spot still holds the old ARN.");
            }

            context.StdOut.WriteLine($"Deployed: {state.RoleArn}. {LinkStatus.Of(state, deployOptions.StatePath(parse)).NextText()}");
        }));

        var register = new Command("register", "Register the role with Spot, retrying while IAM propagates it, then read it back to confirm where Spot's API allows. Already linked with the same role: succeeds without a second write.");
        var registerOptions = new LinkOptions(context, withPrepare: false, withDeploy: false, withRegister: true);
        registerOptions.AddTo(register);
        register.SetAction((parse, cancellation) => Run(context, services, async (workflow, _) =>
        {
            var state = await workflow.RegisterAsync(new RegisterOptions(registerOptions.StatePath(parse), parse.GetValue(registerOptions.RoleArn!), parse.GetValue(registerOptions.TokenFile!)), cancellation);
            context.StdOut.WriteLine($"Linked: Spot account {state.SpotAccountId} uses {state.RoleArn}. {LinkStatus.Of(state, registerOptions.StatePath(parse)).NextText()}");
        }));

        link.Subcommands.Add(prepare);
        link.Subcommands.Add(deploy);
        link.Subcommands.Add(register);
        link.Subcommands.Add(LinkDisconnect.Create(context, services));
        link.Subcommands.Add(Status(context));
        link.Subcommands.Add(PlanCommands.Link(context));
        return link;
    }

    /// <summary><c>link status</c>: what the state records and the next step when one is due; reads only the state file.</summary>
    private static Command Status(CliContext context)
    {
        var status = new Command("status", "What the state file records: the Spot account, the stack and when it was deployed, the role and whether Spot has it, the settings and policies deployed, and the next step when one is due. Reads only the state file: no Spot, AWS or CDK call.");
        var state = new Option<string>("--state") { Description = "The state file.", DefaultValueFactory = _ => DefaultState, HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (for scripts) instead of tables." };
        var failOnPending = new Option<bool>(Cli.Status.StatusPrinter.FailOnPendingOption) { Description = $"Exit with code {ExitCodes.Changed} when a step is due (for a scheduled check)." };
        status.Options.Add(state);
        status.Options.Add(json);
        status.Options.Add(failOnPending);
        status.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(state)!, context.WorkingDirectory);
            var recorded = LinkStateStore.Load(path, LinkWorkflow.StateOption)
                           ?? throw new SpotConnectValidationException(new ValidationProblem(LinkWorkflow.StateOption, path, "no such state file: nothing is connected from here yet. `spot-connect link` connects this AWS account (or pass the --state file an earlier run wrote)."));
            return Cli.Status.StatusPrinter.Print(context, LinkStatus.Of(recorded, parse.GetValue(state)!), parse.GetValue(json), parse.GetValue(failOnPending));
        });
        return status;
    }

    private static async Task<int> Run(CliContext context, CliServices services, Func<LinkWorkflow, Progress, Task> work)
    {
        var progress = new Progress(context.StdErr);
        await work(new LinkWorkflow(context, services, progress.Report), progress);
        return ExitCodes.Success;
    }

    /// <summary>Step headers and indented progress lines on stderr; stdout keeps the results.</summary>
    private sealed class Progress(TextWriter stderr)
    {
        public void Step(int number, string name) => stderr.WriteLine($"[{number}/3] {name}");

        public void Report(string line) => stderr.WriteLine($"  · {line}");
    }

    /// <summary>The options one link command takes (each command gets its own instances).</summary>
    private sealed class LinkOptions
    {
        private readonly CliContext _context;
        private readonly List<Option> _options = [];

        public LinkOptions(CliContext context, bool withPrepare, bool withDeploy, bool withRegister)
        {
            _context = context;
            State = Add(new Option<string>("--state") { Description = "The state file.", DefaultValueFactory = _ => DefaultState, HelpName = "FILE" });
            if (withPrepare || withRegister)
            {
                TokenFile = Add(new Option<string?>("--token-file") { Description = "Read the Spot API token from this file instead of SPOTINST_TOKEN.", HelpName = "FILE" });
            }

            if (withPrepare)
            {
                SpotAccount = Add(Checked(
                    new Option<string?>("--spot-account") { Description = "Use this Spot account (act-…) instead of finding or creating one.", HelpName = "ID" },
                    value => Spot.SpotAccountFinder.IsId(value) ? null : Spot.SpotAccountFinder.IdRule));
                Name = Add(Checked(
                    new Option<string?>("--name") { Description = "Name of a Spot account to create (default: aws-<AWS account id>; Spot needs a letter in it)." },
                    value => value.Length is > 0 and <= 100 && value.Any(char.IsLetter) ? null : "a Spot account name has 1-100 characters and at least one letter."));
                NewExternalId = Add(new Option<bool>("--new-external-id") { Description = "Ask Spot for a new external id even if the state holds a valid one." });
            }

            if (withDeploy)
            {
                // The link's and the stack's settings, except what the state supplies (external id, partition).
                foreach (var setting in LinkWorkflow.DeploySettings)
                {
                    Settings[setting] = Add(SettingOptions.For(setting));
                }

                Project = Add(SpotProject.CreateOption());
                ReplaceRole = Add(new Option<bool>(Plan.RoleReplacementGuard.Option) { Description = "Allow a new --role-name or --role-path, which replaces the deployed role (a new ARN; Spot loses access until it is registered again). Without it such a deploy is refused." });
            }

            if (withRegister)
            {
                RoleArn = Add(Checked(
                    new Option<string?>("--role-arn") { Description = "Register this role instead of the one recorded by `link deploy`.", HelpName = "ARN" },
                    value => LinkWorkflow.RoleArnPattern().IsMatch(value) ? null : "an IAM role ARN looks like arn:aws:iam::123456789012:role/Spot-Role."));
            }
        }

        public Option<string> State { get; }

        public Option<string?>? TokenFile { get; }

        public Option<string?>? SpotAccount { get; }

        public Option<string?>? Name { get; }

        public Option<bool>? NewExternalId { get; }

        public Dictionary<Setting, Option> Settings { get; } = [];

        public Option<string?>? Project { get; }

        public Option<string?>? RoleArn { get; }

        public Option<bool>? ReplaceRole { get; }

        public void AddTo(Command command)
        {
            foreach (var option in _options)
            {
                command.Options.Add(option);
            }

        }

        /// <summary>The state file: --state as given; for a command that deploys from a project, else the one in its folder.</summary>
        public string StatePath(ParseResult parse) =>
            Project is null
                ? Path.GetFullPath(parse.GetValue(State)!, _context.WorkingDirectory)
                : SpotProject.StatePath(parse.GetResult(State) is { Implicit: false } ? parse.GetValue(State) : null, DefaultState, Path.GetFullPath(parse.GetValue(Project)!, _context.WorkingDirectory), org: false, _context.WorkingDirectory);

        /// <summary>Prepare's options; <paramref name="statePath"/> when the command already worked it out.</summary>
        public PrepareOptions Prepare(ParseResult parse, string? statePath = null) => new(
            statePath ?? StatePath(parse), parse.GetValue(SpotAccount!), parse.GetValue(Name!), parse.GetValue(TokenFile!), parse.GetValue(NewExternalId!));

        /// <summary>The deploy's options: the project (checked first: a SpotConnect project on this tool's version) and its settings, options over cdk.json.</summary>
        public DeployOptions Deploy(ParseResult parse)
        {
            var project = SpotProject.Open(Path.GetFullPath(parse.GetValue(Project!)!, _context.WorkingDirectory));
            if (project.Settings.Texts.ContainsKey(SpotSettings.OrgState))
            {
                throw new SpotConnectValidationException(new ValidationProblem(SpotProject.Option, project.Directory,
                    $"is an organization's project (its {CdkProject.FileName} sets {SpotSettings.OrgState.ContextKey}): it deploys SpotOrgStack, not one account's link. Run `spot-connect org deploy` or `org sync` there, or `spot-connect init` a link project."));
            }

            var (values, texts, malformed) = SettingOptions.Given(parse, Settings);
            return new(StatePath(parse), project.Directory, RunSettings.Merge(project.Settings, Settings.Keys, values, texts, malformed), parse.GetValue(ReplaceRole!));
        }

        private T Add<T>(T option)
            where T : Option
        {
            _options.Add(option);
            return option;
        }

        private static Option<string?> Checked(Option<string?> option, Func<string, string?> rule)
        {
            option.Validators.Add(result =>
            {
                var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (rule(value) is { } broken)
                {
                    result.AddError(new ValidationProblem(option.Name, value, broken).Message);
                }
            });
            return option;
        }
    }
}
