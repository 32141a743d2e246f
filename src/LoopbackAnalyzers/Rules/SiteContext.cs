using System.Threading;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Intent;
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

        public SiteContext(OperationAnalysisContext context, IntentEvaluator intentEvaluator)
        {
            _context = context;
            _intentEvaluator = intentEvaluator;
        }

        public CancellationToken CancellationToken => _context.CancellationToken;

        public LoopbackIntent Intent =>
            _intent ??= _intentEvaluator.Evaluate(_context.Operation, _context.ContainingSymbol, _context.CancellationToken);

        public void Report(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);
    }
}
