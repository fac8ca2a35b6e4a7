using System.CommandLine;
using SpotConnect.Cli.Link;

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
        var all = Options(withPrepare: true, withDeploy: true, withRegister: false);
        all.AddTo(link);
        link.SetAction((parse, cancellation) => Run(context, services, async (workflow, progress) =>
        {
            progress.Step(1, "prepare");
            var prepared = await workflow.PrepareAsync(all.Prepare(parse), cancellation);
            progress.Step(2, "deploy");
            var deployed = await workflow.DeployAsync(all.Deploy(parse), cancellation);
            progress.Step(3, "register");
            var linked = await workflow.RegisterAsync(new RegisterOptions(all.StatePath(parse), deployed.RoleArn, parse.GetValue(all.TokenFile!)), cancellation);
            context.StdOut.WriteLine($"Connected: AWS account {linked.AwsAccountId} is linked to Spot account {linked.SpotAccountId} through {linked.RoleArn}" +
                                     (prepared.SpotAccountCreated ? " (Spot account created by this run)." : "."));
        }));

        var prepare = new Command("prepare", "Find who you are in AWS (STS), find or create the Spot account, and get an external id; writes the state file.");
        var prepareOptions = Options(withPrepare: true, withDeploy: false, withRegister: false);
        prepareOptions.AddTo(prepare);
        prepare.SetAction((parse, cancellation) => Run(context, services, async (workflow, _) =>
        {
            var state = await workflow.PrepareAsync(prepareOptions.Prepare(parse), cancellation);
            context.StdOut.WriteLine($"Prepared: AWS account {state.AwsAccountId} ({state.Partition}), Spot account {state.SpotAccountId}, external id {state.ExternalId}; state in {prepareOptions.StatePath(parse)}.");
        }));

        var deploy = new Command("deploy", "Deploy SpotLinkStack with the prepared external id through the pinned CDK CLI; records SpotRoleArn in the state file.");
        var deployOptions = Options(withPrepare: false, withDeploy: true, withRegister: false);
        deployOptions.AddTo(deploy);
        deploy.SetAction((parse, cancellation) => Run(context, services, async (workflow, _) =>
        {
            var state = await workflow.DeployAsync(deployOptions.Deploy(parse), cancellation);
            context.StdOut.WriteLine($"Deployed: {state.RoleArn}");
        }));

        var register = new Command("register", "Register the role with Spot, retrying while IAM propagates it, then read it back to confirm. Already linked with the same role: succeeds without a second write.");
        var registerOptions = Options(withPrepare: false, withDeploy: false, withRegister: true);
        registerOptions.AddTo(register);
        register.SetAction((parse, cancellation) => Run(context, services, async (workflow, _) =>
        {
            var state = await workflow.RegisterAsync(new RegisterOptions(registerOptions.StatePath(parse), parse.GetValue(registerOptions.RoleArn!), parse.GetValue(registerOptions.TokenFile!)), cancellation);
            context.StdOut.WriteLine($"Linked: Spot account {state.SpotAccountId} uses {state.RoleArn}.");
        }));

        link.Subcommands.Add(prepare);
        link.Subcommands.Add(deploy);
        link.Subcommands.Add(register);
        return link;

        LinkOptions Options(bool withPrepare, bool withDeploy, bool withRegister) => new(context, withPrepare, withDeploy, withRegister);
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

        public LinkOptions(CliContext context, bool withPrepare, bool withDeploy, bool withRegister)
        {
            _context = context;
            State = new Option<string>("--state") { Description = "The state file.", DefaultValueFactory = _ => DefaultState, HelpName = "FILE" };
            if (withPrepare || withRegister)
            {
                TokenFile = new Option<string?>("--token-file") { Description = "Read the Spot API token from this file instead of SPOTINST_TOKEN.", HelpName = "FILE" };
            }

            if (withPrepare)
            {
                SpotAccount = new Option<string?>("--spot-account") { Description = "Use this Spot account (act-…) instead of finding or creating one.", HelpName = "ID" };
                Name = new Option<string?>("--name") { Description = "Name of a Spot account to create (default: aws-<AWS account id>; Spot needs a letter in it)." };
                NewExternalId = new Option<bool>("--new-external-id") { Description = "Ask Spot for a new external id even if the state holds a valid one." };
            }

            if (withDeploy)
            {
                Bundles = new Option<string>("--bundles") { Description = "Bundle selection for SpotLinkStack.", DefaultValueFactory = _ => "default" };
                StackName = new Option<string>("--stack-name") { Description = "CloudFormation stack name.", DefaultValueFactory = _ => "SpotLinkStack" };
                Project = new Option<string>("--project") { Description = "The SpotConnect repository to deploy from (holds cdk.json).", DefaultValueFactory = _ => ".", HelpName = "DIR" };
                PrincipalAccountId = new Option<string?>("--principal-account-id") { Description = "The Spot AWS account the role trusts; required outside the aws partition (GovCloud, China).", HelpName = "ACCOUNT" };
            }

            if (withRegister)
            {
                RoleArn = new Option<string?>("--role-arn") { Description = "Register this role instead of the one recorded by `link deploy`.", HelpName = "ARN" };
            }
        }

        public Option<string> State { get; }

        public Option<string?>? TokenFile { get; }

        public Option<string?>? SpotAccount { get; }

        public Option<string?>? Name { get; }

        public Option<bool>? NewExternalId { get; }

        public Option<string>? Bundles { get; }

        public Option<string>? StackName { get; }

        public Option<string>? Project { get; }

        public Option<string?>? RoleArn { get; }

        public Option<string?>? PrincipalAccountId { get; }

        public void AddTo(Command command)
        {
            foreach (var option in new Option?[] { State, TokenFile, SpotAccount, Name, NewExternalId, Bundles, StackName, Project, PrincipalAccountId, RoleArn })
            {
                if (option is not null)
                {
                    command.Options.Add(option);
                }
            }
        }

        public string StatePath(ParseResult parse) => Path.GetFullPath(parse.GetValue(State)!, _context.WorkingDirectory);

        public PrepareOptions Prepare(ParseResult parse) => new(
            StatePath(parse), parse.GetValue(SpotAccount!), parse.GetValue(Name!), parse.GetValue(TokenFile!), parse.GetValue(NewExternalId!));

        public DeployOptions Deploy(ParseResult parse) => new(
            StatePath(parse), parse.GetValue(Bundles!)!, parse.GetValue(StackName!)!, Path.GetFullPath(parse.GetValue(Project!)!, _context.WorkingDirectory), parse.GetValue(PrincipalAccountId!));
    }
}
