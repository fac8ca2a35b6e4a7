using SpotConnect.Org;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>The spot:org* settings, the org state's checks, the StackSet capacity and the CloudFormation limits (no CDK).</summary>
public sealed class OrgSettingsTests
{
    private static readonly string ThreeAccounts = OrgStates.Save(OrgStates.Build(3));

    /// <summary>The problems Core finds in a rollout's settings given as context (the app's own composition: AppInProcessTests).</summary>
    private static SpotConnectValidationException Fails(Dictionary<string, object> context) =>
        Assert.Throws<SpotConnectValidationException>(() => ContextRules.Org(context));

    [Fact]
    public void A_rollout_resolved_on_a_link_resolved_before_is_the_rollout_of_its_options()
    {
        var state = OrgStates.Build(30);
        var options = new SpotLinkOptions { Bundles = BundleSelection.Parse("ocean,ocean.eks"), RoleName = "OrgRole", RolePath = "/spot/", Tags = new Dictionary<string, string> { ["team"] = "platform" } };
        var org = new SpotOrgOptions { State = state, Region = "eu-west-1" };

        var fromOptions = SpotOrgSpec.Resolve(org, options, bootstrapped: false);
        var problems = new List<ValidationProblem>();
        var fromLink = SpotOrgSpec.TryResolve(org, SpotLinkSpec.Resolve(options), bootstrapped: false, problems);

        Assert.Empty(problems);
        Assert.NotNull(fromLink);
        Assert.Equal(fromOptions.Fingerprint(false), fromLink.Fingerprint(false));

        // Only the rollout's own rules are checked again: a bad region is still a problem.
        var bad = SpotOrgSpec.TryResolve(org with { Region = "moon-1" }, SpotLinkSpec.Resolve(options), bootstrapped: false, problems);
        Assert.Null(bad);
        Assert.Equal(SpotSettings.OrgRegion.ContextKey, Assert.Single(problems).SettingKey);
    }

    [Fact]
    public void An_org_state_resolves_with_the_contracts_defaults()
    {
        var org = ContextRules.Org(new() { ["spot:orgState"] = ThreeAccounts });
        Assert.Equal("us-east-1", org.Region);
        Assert.Equal(OrgCallAs.Self, org.CallAs);
        Assert.Equal(10, org.FailureTolerance);
        Assert.Equal(OrgStates.ManagementAccountId, org.ManagementAccount?.AwsAccountId);
        var stackSet = Assert.Single(org.StackSets);
        Assert.Equal("SpotConnect-1", stackSet.Name);
        Assert.Equal([OrgStates.AccountId(0), OrgStates.AccountId(1), OrgStates.AccountId(2)], stackSet.Accounts.Select(a => a.AwsAccountId));
    }

    [Fact]
    public void Org_settings_come_from_context_then_the_environment()
    {
        var org = ContextRules.Org(
            new() { ["spot:orgCallAs"] = "delegated_admin", ["spot:orgFailureTolerance"] = 25d },
            environment: new() { ["SPOT_ORG_STATE"] = ThreeAccounts, ["SPOT_ORG_REGION"] = "eu-west-1" });
        Assert.Equal("eu-west-1", org.Region);
        Assert.Equal(OrgCallAs.DelegatedAdmin, org.CallAs);
        Assert.Equal(25, org.FailureTolerance);
        Assert.Null(org.ManagementAccount); // a delegated administrator cannot hold the management account's role
    }

    [Theory]
    [InlineData("aws-us-gov", "us-gov-west-1")]
    [InlineData("aws-cn", "cn-north-1")]
    public void The_default_region_follows_the_partition(string partition, string region)
    {
        var state = OrgStates.Save(OrgStates.Build(2, partition));
        var org = ContextRules.Org(new() { ["spot:orgState"] = state, ["spot:partition"] = partition, ["spot:principalAccountId"] = "123456789012" });
        Assert.Equal(region, org.Region);
    }

    public static TheoryData<string, string, string, string> BadValues => new()
    {
        // key, value, field of the problem, fragment of its message
        { "spot:orgRegion", "us-east-9", "spot:orgRegion", "'us-east-9' is invalid: not a region of partition 'aws' (AWS commercial regions). Valid choices: af-south-1," },
        { "spot:orgRegion", "us-gov-west-1", "spot:orgRegion", "not a region of partition 'aws'" },
        { "spot:orgCallAs", "ADMIN", "spot:orgCallAs", "'ADMIN' is invalid: not a StackSets caller. Valid choices: SELF, DELEGATED_ADMIN." },
        { "spot:orgFailureTolerance", "150", "spot:orgFailureTolerance", "'150' is invalid: a failure tolerance is a percentage from 0 to 100." },
        { "spot:orgFailureTolerance", "-1", "spot:orgFailureTolerance", "from 0 to 100" },
        { "spot:orgFailureTolerance", "ten", "spot:orgFailureTolerance", "must be a whole number." },
        { "spot:orgState", "/nonexistent/spot-org.json", "spot:orgState", "no such file" },
        { "spot:externalId", "abc", "spot:externalId", "not used with spot:orgState: each account's external id comes from the org state file." },
        { "spot:partition", "aws-cn", "spot:orgState", "the state is for partition 'aws', but the stack is synthesized for 'aws-cn' (spot:partition)." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_org_setting_names_its_key_value_rule_and_choices(string key, string value, string field, string message)
    {
        var context = new Dictionary<string, object> { ["spot:orgState"] = ThreeAccounts, ["spot:principalAccountId"] = "123456789012", [key] = value };
        var e = Fails(context);
        var problem = Assert.Single(e.Problems, p => p.Field == field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_org_setting_is_reported_at_once_in_the_contracts_order()
    {
        var e = Fails(new()
        {
            ["spot:orgState"] = "/nonexistent/spot-org.json",
            ["spot:orgRegion"] = "mars-1",
            ["spot:orgCallAs"] = "ROOT",
            ["spot:orgFailureTolerance"] = "101",
            ["spot:bundles"] = "ocean,eks",
        });
        Assert.Equal(["spot:bundles", "spot:orgState", "spot:orgRegion", "spot:orgCallAs", "spot:orgFailureTolerance"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_broken_state_is_reported_problem_by_problem()
    {
        var state = OrgStates.Build(2) with
        {
            ManagementAccountId = "12345",
            TargetOus = ["ou-x", "r-ab12"],
            StackSets = [new OrgStackSet("1-bad name")],
        };
        state = state with
        {
            Accounts = [.. state.Accounts, OrgStates.Member(OrgStates.AccountId(0)), OrgStates.Member("999999999999") with { ExternalId = null, StackSet = "Elsewhere" }],
        };
        var e = Fails(new() { ["spot:orgState"] = OrgStates.Save(state) });
        var messages = e.Problems.Select(p => p.Message).ToArray();
        Assert.All(e.Problems, p => Assert.Equal("spot:orgState", p.Field));
        Assert.Contains(messages, m => m.Contains("ManagementAccountId '12345' is not an AWS account id", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("TargetOus: 'ou-x' is not an organizational unit id", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains($"account {OrgStates.AccountId(0)} appears 2 times", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("account 999999999999 is in StackSet 'Elsewhere' but has no external id", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("StackSets: '1-bad name' is not a StackSet name", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("accounts are assigned to StackSet 'Elsewhere', which the state's StackSets do not list", StringComparison.Ordinal));
    }

    [Fact]
    public void The_capacity_is_the_most_accounts_whose_largest_entries_fit_nine_tenths_of_the_limit()
    {
        var link = SpotLinkSpec.Resolve(new SpotLinkOptions());
        var state = OrgStates.Build(5);
        var inline = SpotOrgSpec.CapacityOf(state, link, bootstrapped: false);
        var s3 = SpotOrgSpec.CapacityOf(state, link, bootstrapped: true);

        var largest = state.Accounts.Max(a => OrgTemplateSize.EntryBytes(a.AwsAccountId, a.ExternalId!));
        Assert.Equal(33 + 44, largest); // "123456789012":{"ExternalId":"<44 characters>"},
        // The most accounts whose entries fit, with the template's base, in nine tenths of CloudFormation's limit (51,200
        // bytes inline, 460,800 from S3): a tenth stays free, so a full StackSet still fits when its policies grow later.
        // (That the base bounds the real template: the CDK tests' size model checks, against synthesized templates.)
        foreach (var (capacity, limit) in new[] { (inline, 51_200), (s3, 460_800) })
        {
            Assert.Equal(limit, capacity.LimitBytes);
            Assert.Equal(largest, capacity.BytesPerAccount);
            Assert.True(capacity.BaseBytes + (capacity.Accounts * largest) <= limit * 9 / 10, $"{capacity} over nine tenths of {limit}");
            Assert.True(capacity.BaseBytes + ((capacity.Accounts + 1) * largest) > limit * 9 / 10, $"{capacity}: one more account would still fit");
        }

        Assert.InRange(inline.Accounts, 400, 700);
        Assert.InRange(s3.Accounts, 5_000, 6_000);

        // One long external id lowers the capacity for every StackSet; more policies raise the base.
        var longId = state with { Accounts = [.. state.Accounts, OrgStates.Member("299999999999") with { ExternalId = new string('a', 1_224) }] };
        Assert.Equal(33 + 1_224, SpotOrgSpec.CapacityOf(longId, link, bootstrapped: true).BytesPerAccount);
        var withAudit = SpotLinkSpec.Resolve(new SpotLinkOptions { Bundles = BundleSelection.Parse("default,security-audit") });
        var general = SpotLinkSpec.Resolve(new SpotLinkOptions { Bundles = BundleSelection.Parse("general") });
        Assert.True(SpotOrgSpec.CapacityOf(state, withAudit, true).BaseBytes > s3.BaseBytes);
        Assert.True(SpotOrgSpec.CapacityOf(state, general, true).BaseBytes < s3.BaseBytes);
    }

    [Fact]
    public void Without_bootstrap_a_larger_organization_is_refused_naming_spot_bootstrapped()
    {
        var state = OrgStates.Save(OrgStates.Build(1_000));
        var e = Fails(new() { ["spot:orgState"] = state });
        var problem = Assert.Single(e.Problems);
        Assert.Equal("spot:orgState", problem.Field);
        Assert.Contains("SpotOrgStack for 1,000 accounts in 2 StackSet(s) would be about", problem.Rule, StringComparison.Ordinal);
        Assert.Contains("Run `cdk bootstrap` in the admin account and set spot:bootstrapped=true", problem.Rule, StringComparison.Ordinal);

        var org = ContextRules.Org(new() { ["spot:orgState"] = state }, bootstrapped: true);
        Assert.Equal([1_000], org.StackSets.Select(s => s.Accounts.Count));
        Assert.InRange(org.EstimatedStackBytes, 1, OrgLimits.StackTemplateUrlBytes);
    }

    [Fact]
    public void More_StackSets_than_one_stack_can_hold_are_refused()
    {
        // 1,224-character external ids: about 360 accounts per StackSet, so 36,000 accounts need more than 99 StackSets.
        var state = OrgStates.Build(36_000) is var s
            ? s with { Accounts = s.Accounts.Select(a => a with { ExternalId = a.AwsAccountId + new string('x', 1_212) }).ToArray() }
            : null!;
        var link = SpotLinkSpec.Resolve(new SpotLinkOptions());
        var e = Assert.Throws<SpotConnectValidationException>(() => SpotOrgSpec.Resolve(new SpotOrgOptions { State = state }, new SpotLinkOptions(), bootstrapped: true));
        Assert.Contains(e.Problems, p => p.Rule.Contains("more than the 99 one SpotOrgStack can hold", StringComparison.Ordinal)
                                         && p.Rule.Contains("200 outputs per template", StringComparison.Ordinal)
                                         && p.Rule.Contains("1,000 StackSets per administrator account", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_deployable_accounts_join_a_StackSet_and_placed_ones_are_never_dropped_silently()
    {
        var state = OrgStates.Build(4);
        var ids = state.Accounts.Select(a => a.AwsAccountId).ToArray();
        state = state with
        {
            StackSets = [new OrgStackSet("SpotConnect-1")],
            Accounts = state.Accounts.Select(a =>
                a.AwsAccountId == ids[1] ? a with { AwsState = "SUSPENDED" } // not yet placed: stays out
                : a.AwsAccountId == ids[2] ? a with { ExternalId = null } // no external id yet: stays out
                : a.AwsAccountId == ids[3] ? a with { InOrganization = false, StackSet = "SpotConnect-1" } // placed, then left: kept until --prune
                : a).ToArray(),
        };
        var link = SpotLinkSpec.Resolve(new SpotLinkOptions());
        var org = SpotOrgSpec.Resolve(new SpotOrgOptions { State = state }, new SpotLinkOptions(), bootstrapped: false);
        var stackSet = Assert.Single(org.StackSets);
        Assert.Equal([ids[3], ids[4]], stackSet.Accounts.Select(a => a.AwsAccountId));
        Assert.DoesNotContain(org.State.Accounts, a => a.AwsAccountId == OrgStates.ManagementAccountId && a.StackSet is not null);
    }
}
