namespace SpotConnect.Tests.Support;

/// <summary>
/// Temporary folders for the tests: all inside one folder per test run (process), which is deleted when the run
/// ends. A test that can delete its own folder sooner still does; shared files (fixtures' cloud assemblies, state
/// files of static data) go with the run's folder. A test host that is ended rather than exiting (the CDK tests'
/// host, whose jsii runtime keeps it alive, is stopped by the test runner) cannot delete its folder: the next run
/// deletes the folders of test processes that no longer exist.
/// </summary>
internal static class Scratch
{
    private const string Prefix = "spotconnect-tests-";

    private static readonly Lazy<DirectoryInfo> Run = new(() =>
    {
        SweepEndedRuns();
        var root = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        return root;
    });

    /// <summary>A new empty folder named after <paramref name="prefix"/>, inside the run's folder.</summary>
    public static DirectoryInfo Folder(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Run.Value.FullName, prefix + Guid.NewGuid().ToString("N")[..12]));

    private static void SweepEndedRuns()
    {
        foreach (var folder in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(Prefix + "*"))
        {
            var pid = folder.Name[Prefix.Length..].Split('-')[0];
            if (int.TryParse(pid, System.Globalization.CultureInfo.InvariantCulture, out var id) && !Alive(id))
            {
                Delete(folder);
            }
        }
    }

    private static bool Alive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Deletes a folder and everything in it; a folder already gone is fine.</summary>
    public static void Delete(DirectoryInfo folder)
    {
        try
        {
            folder.Refresh();
            if (folder.Exists)
            {
                folder.Delete(recursive: true);
            }
        }
        catch (IOException)
        {
            // Still in use (a child process that outlived its test): the run's folder goes at the end.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
