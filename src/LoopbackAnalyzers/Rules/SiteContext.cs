using System.Threading;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Intent;
using LoopbackAnalyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>What a rule can ask about a site: its intent (evaluated once, on first request) and where to report.</summary>
    internal sealed class SiteContext
    {
        private readonly OperationAnalysisContext _context;
        private readonly IntentEvaluator _intentEvaluator;
        private LoopbackIntent? _intent;
        private long? _intentPort;

        public SiteContext(OperationAnalysisContext context, IntentEvaluator intentEvaluator)
        {
            _context = context;
            _intentEvaluator = intentEvaluator;
        }

        private PortOptions? _portOptions;

        public CancellationToken CancellationToken => _context.CancellationToken;

        /// <summary>The port options of the site's file.</summary>
        public PortOptions PortOptions => _portOptions ??= PortOptions.For(_context.Options, _context.Operation.Syntax.SyntaxTree);

        /// <summary>The intent of the code around <paramref name="site"/> (cached: one operation rarely has sites on several ports).</summary>
        public LoopbackIntent IntentFor(EndpointSite site)
        {
            if (_intent is not { } intent || _intentPort != site.Port)
            {
                intent = _intentEvaluator.Evaluate(_context.Operation, _context.ContainingSymbol, site.Port, _context.CancellationToken);
                _intent = intent;
                _intentPort = site.Port;
            }

            return intent;
        }

        public void Report(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);
    }
}
