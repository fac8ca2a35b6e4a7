using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary><c>org plan</c>, the org deploy record and the role replacement guard of <c>org deploy</c>/<c>org sync</c>.</summary>
public sealed class OrgPlanTests : IDisposable
{
    private const string Management = SpotStub.AwsAccount;
    private const string Alpha = "111111111111";
    private const string Beta = "222222222222";
    private const string Gamma = "333333333333";
    private const string Delta = "555555555555";
    private const string Ou = "ou-ab12-cd34ef56";

    private readonly SpotStub _stub = new();
    private readonly SpotOrgStub _spot;
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-orgplan-");
    private readonly RecordingDeployer _deployer = new();
    private readonly SpotCliHarness _cli;

    public OrgPlanTests()
    {
        _spot = new SpotOrgStub(_stub);
        _cli = new SpotCliHarness(_stub, _dir, _deployer, propagationTimeout: TimeSpan.FromMilliseconds(300));
        WriteAccounts((Management, "management", "ACTIVE"), (Alpha, "alpha", "ACTIVE"), (Beta, "beta", "ACTIVE"), (Gamma, "gamma", "ACTIVE"));
    }

    public void Dispose() => _cli.Dispose();

    private string StatePath => Path.Combine(_dir.FullName, "spot-org.json");

    private JsonObject State => OrgFiles.State(StatePath);

    private JsonObject StateOf(string awsAccountId) => OrgFiles.AccountOf(StatePath, awsAccountId);

    private string SpotRoleOf(string awsAccountId) => _spot.Accounts.Single(a => a.Id == StateOf(awsAccountId)["spotAccountId"]!.GetValue<string>()).Role!;

    private void WriteAccounts(params (string Id, string Name, string State)[] accounts) => OrgFiles.WriteAccounts(_dir, Management, accounts);

    private ProcessResult Run(params string[] args) => _cli.Run(_stub.Environment, args);

    private ProcessResult Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return result;
    }

    private void Prepare() => _ = Ok("org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou);

    [Fact]
    public void Before_any_recorded_deploy_the_plan_is_a_first_deploy_placed_in_memory_only()
    {
        Prepare();
        var before = File.ReadAllText(StatePath);

        var plan = Run("org", "plan");

        Assert.True(plan.ExitCode == 0, plan.StdErr);
        Assert.Contains("first deploy", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains($"  + {Alpha} (SpotConnect-1): stack instance and role created", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains($"Management account {Management}'s role: created: arn:aws:iam::{Management}:role/Spot-Role", plan.StdOut, StringComparison.Ordinal);
        Assert.Equal(4, Run("org", "plan", "--fail-on-change").ExitCode);
        Assert.Equal(before, File.ReadAllText(StatePath)); // the placement is computed, never written
        Assert.Empty(_deployer.Requests);

        var json = JsonNode.Parse(Run("org", "plan", "--json").StdOut)!;
        Assert.True(json["firstDeploy"]!.GetValue<bool>());
        Assert.Equal([Alpha, Beta, Gamma], json["stackSets"]![0]!["added"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void Later_deploys_and_plans_work_on_the_stack_the_state_recorded_and_refuse_another()
    {
        Prepare();
        Ok("org", "deploy", "--stack-name", "SpotOrgProd");
        Assert.Equal("SpotOrgProd", _deployer.Requests.Single().StackName);

        var same = Run("org", "plan", "--fail-on-change");
        Assert.True(same.ExitCode == 0, same.StdOut + same.StdErr);
        Assert.Contains("org plan: SpotOrgProd", same.StdOut, StringComparison.Ordinal);
        Ok("org", "deploy");
        Assert.Equal("SpotOrgProd", _deployer.Requests[^1].StackName);

        var other = Run("org", "deploy", "--stack-name", "SpotOrgStack");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--stack-name: 'SpotOrgStack' is invalid: the organization's StackSets are deployed by stack 'SpotOrgProd'", other.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, _deployer.Requests.Count);

        // sync refuses it before its prepare step reads or writes anything.
        var state = File.ReadAllText(StatePath);
        var calls = _stub.Calls.Count;
        var sync = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou, "--stack-name", "SpotOrgStack");
        Assert.Equal(2, sync.ExitCode);
        Assert.Contains("--stack-name: 'SpotOrgStack' is invalid", sync.StdErr, StringComparison.Ordinal);
        Assert.Equal(calls, _stub.Calls.Count);
        Assert.Equal(state, File.ReadAllText(StatePath));
    }

    [Fact]
    public void After_a_deploy_the_same_options_plan_no_change_and_the_record_holds_every_StackSet()
    {
        Prepare();
        Ok("org", "deploy", "--bundles", "ocean");

        var deployed = State["deployed"]!.AsObject();
        Assert.Equal([Alpha, Beta, Gamma], deployed["stackSets"]!["SpotConnect-1"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal($"arn:aws:iam::{Management}:role/Spot-Role", deployed["managementAccount"]!["roleArn"]!.GetValue<string>());
        Assert.Equal("us-east-1", deployed["region"]!.GetValue<string>());
        Assert.Equal("SELF", deployed["callAs"]!.GetValue<string>());
        Assert.Equal("ocean", deployed["settings"]!["spot:bundles"]!.GetValue<string>());

        var same = Run("org", "plan", "--bundles", "ocean", "--fail-on-change");
        Assert.True(same.ExitCode == 0, same.StdOut + same.StdErr);
        Assert.Contains("No change", same.StdOut, StringComparison.Ordinal);

        // A job plans with the very options it deploys with: those that change nothing for a plan are accepted and said once.
        var asDeploy = Run("org", "plan", "--bundles", "ocean", "--replace-role", "--project", ".", "--prune", "--fail-on-change");
        Assert.True(asDeploy.ExitCode == 0, asDeploy.StdOut + asDeploy.StdErr);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(asDeploy.StdOut, "--replace-role changes nothing for a plan"));
        Assert.Contains("**No change**", Run("org", "plan", "--bundles", "ocean", "--markdown", "--fail-on-change").StdOut, StringComparison.Ordinal);

        var narrowed = Run("org", "plan", "--bundles", "ocean", "--regions", "eu-west-1", "--fail-on-change");
        Assert.Equal(4, narrowed.ExitCode);
        Assert.Contains("--regions", narrowed.StdOut, StringComparison.Ordinal);
        Assert.Contains("updated as the member role", narrowed.StdOut, StringComparison.Ordinal);
        var json = JsonNode.Parse(Run("org", "plan", "--bundles", "default", "--json").StdOut)!;
        Assert.NotEmpty(json["permissions"]!["added"]!.AsArray());
        Assert.Empty(json["permissions"]!["removed"]!.AsArray());
    }

    [Fact]
    public void Added_and_pruned_accounts_are_listed_per_StackSet()
    {
        Prepare();
        Ok("org", "deploy");
        WriteAccounts((Management, "management", "ACTIVE"), (Alpha, "alpha", "ACTIVE"), (Beta, "beta", "SUSPENDED"), (Delta, "delta", "ACTIVE"));
        Prepare();

        var plan = Run("org", "plan", "--fail-on-change");
        Assert.Equal(4, plan.ExitCode);
        Assert.Contains($"  + {Delta} (SpotConnect-1): stack instance and role created", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain($"  - {Gamma}", plan.StdOut, StringComparison.Ordinal); // without --prune it stays deployed

        var pruned = JsonNode.Parse(Run("org", "plan", "--prune", "--json").StdOut)!["stackSets"]![0]!;
        Assert.Equal([Delta], pruned["added"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal([Beta, Gamma], pruned["removed"]!.AsArray().Select(a => a!.GetValue<string>()));

        // `org prune --yes` takes them out in the state: the plan shows what the next deploy removes.
        Ok("org", "prune", "--accounts", "accounts.json", "--yes");
        var markdown = Run("org", "plan", "--markdown").StdOut;
        Assert.Contains("| StackSet SpotConnect-1 | `3 account(s)` | `2 account(s)` |", markdown, StringComparison.Ordinal);
        Assert.Contains($"\n+ {Delta} (SpotConnect-1): stack instance and role created\n", markdown, StringComparison.Ordinal);
        Assert.Contains($"\n- {Beta} (SpotConnect-1): stack instance and role deleted\n- {Gamma} (SpotConnect-1): stack instance and role deleted\n", markdown, StringComparison.Ordinal);

        Ok("org", "deploy");
        Assert.Equal(0, Run("org", "plan", "--fail-on-change").ExitCode);
    }

    [Fact]
    public void A_role_replacement_is_refused_without_replace_role_and_registered_again_after_it()
    {
        Prepare();
        Ok("org", "deploy");
        Ok("org", "register");
        var before = File.ReadAllText(StatePath);

        var plan = Run("org", "plan", "--role-path", "/vendor/");
        Assert.Contains("Role: REPLACED: arn:aws:iam::<account>:role/Spot-Role -> arn:aws:iam::<account>:role/vendor/Spot-Role", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains($"Management account {Management}'s role: REPLACED", plan.StdOut, StringComparison.Ordinal);

        var refused = Run("org", "deploy", "--role-path", "/vendor/");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(string.Empty, refused.StdOut);
        Assert.Contains("--role-path: '/vendor/' is invalid: the deployed role's path is '/'", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("--replace-role", refused.StdErr, StringComparison.Ordinal);
        Assert.Single(_deployer.Requests);
        Assert.Equal(before, File.ReadAllText(StatePath));

        // sync refuses before its prepare step changes anything.
        var posts = _stub.Calls.Count(c => c.StartsWith("POST", StringComparison.Ordinal));
        var sync = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou, "--role-name", "SpotRole");
        Assert.Equal(2, sync.ExitCode);
        Assert.Contains("--role-name: 'SpotRole' is invalid: the deployed role is named 'Spot-Role'", sync.StdErr, StringComparison.Ordinal);
        Assert.Equal(posts, _stub.Calls.Count(c => c.StartsWith("POST", StringComparison.Ordinal)));

        // With --replace-role: deployed, every account to register again, and `org register` uses the deployed role.
        var deployed = Ok("org", "deploy", "--role-path", "/vendor/", "--replace-role");
        Assert.EndsWith("Next: `spot-connect org register` (4 account(s): the role was replaced: Spot holds the old ARN).", deployed.StdOut.TrimEnd(), StringComparison.Ordinal);
        Assert.All(new[] { Alpha, Beta, Gamma, Management }, id => Assert.Null(StateOf(id)["registeredAt"]));
        var status = Run("org", "status", "--fail-on-pending");
        Assert.Equal(4, status.ExitCode); // a scheduled check sees that registering is due
        Assert.Contains("0 registered", status.StdOut, StringComparison.Ordinal);
        Assert.Contains("Due for 4 account(s): `spot-connect org register`: the role was replaced: Spot holds the old ARN.", status.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("Next: `spot-connect org register`.", status.StdOut.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::<account>:role/vendor/Spot-Role", status.StdOut, StringComparison.Ordinal); // the member role as deployed
        Ok("org", "register");
        Assert.Equal(0, Run("org", "status", "--fail-on-pending").ExitCode);
        Assert.All(new[] { Alpha, Beta, Gamma, Management }, id => Assert.Equal($"arn:aws:iam::{id}:role/vendor/Spot-Role", SpotRoleOf(id)));

        // sync replaces and registers in the same run.
        var replaced = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou, "--role-path", "/vendor/", "--role-name", "SpotRole", "--replace-role");
        Assert.True(replaced.ExitCode == 0, replaced.StdErr);
        Assert.All(new[] { Alpha, Beta, Gamma, Management }, id => Assert.Equal($"arn:aws:iam::{id}:role/vendor/SpotRole", SpotRoleOf(id)));
        Assert.Equal(0, Run("org", "plan", "--role-path", "/vendor/", "--role-name", "SpotRole", "--fail-on-change").ExitCode);
    }

    [Fact]
    public void A_state_from_before_deploys_were_recorded_still_guards_its_registered_role()
    {
        Prepare();
        Ok("org", "deploy");
        Ok("org", "register");
        var state = State;
        state.Remove("deployed");
        File.WriteAllText(StatePath, state.ToJsonString());

        Assert.Contains("first deploy", Run("org", "plan").StdOut, StringComparison.Ordinal);
        var renamed = Run("org", "deploy", "--role-name", "Other");
        Assert.Equal(2, renamed.ExitCode);
        Assert.Contains("--role-name: 'Other' is invalid", renamed.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, Run("org", "status", "--fail-on-pending").ExitCode); // its registered accounts were deployed: nothing due
        var deployed = Ok("org", "deploy");
        Assert.Contains("0 stack instance(s) added, 0 removed", deployed.StdOut, StringComparison.Ordinal); // the accounts had their instances already
        Assert.NotNull(State["deployed"]);
    }
}
