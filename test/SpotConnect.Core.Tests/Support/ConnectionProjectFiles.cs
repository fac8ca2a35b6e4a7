using SpotConnect.Cli.Project;

namespace SpotConnect.Tests.Support;

/// <summary>
/// The least a folder needs for the tool to deploy from it: a cdk.json and an app project on the SpotConnect package of
/// the tool's own version (what `spot-connect init` writes, without the rest). The commands' tests deploy through a
/// stand-in deployer, so the app is never built.
/// </summary>
internal static class ConnectionProjectFiles
{
    public static DirectoryInfo Write(DirectoryInfo directory, string? version = null, string context = "{}")
    {
        File.WriteAllText(Path.Combine(directory.FullName, "cdk.json"), $$"""{"app": "dotnet run --project src/App", "context": {{context}}}""");
        var app = Directory.CreateDirectory(Path.Combine(directory.FullName, "src", "App"));
        File.WriteAllText(Path.Combine(app.FullName, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="SpotConnect" Version="[{version ?? SpotProject.ToolVersion}]" />
              </ItemGroup>
            </Project>
            """);
        return directory;
    }
}
